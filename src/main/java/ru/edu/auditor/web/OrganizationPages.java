package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.OrganizationHistory;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.LatestAudit;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.formats.sheets.ResultWorkbooks;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.text.Fmt;

/** The audited organizations: their list with a search, and one organization's audits over time. */
final class OrganizationPages {
    /** Organizations on one page of the list. */
    static final int PAGE_SIZE = 50;
    /** Changes of verdict the organization page lists, latest first. */
    static final int CHANGES_SHOWN = 30;
    /** Audits the clause matrix shows, latest last: a long history stays readable (and the page fast). */
    static final int MATRIX_AUDITS = 12;

    record Row(String key, String href, String again, String name, String municipality, String kind, String asOf, String decisionId,
               Views.Badge status) { }

    record Choice(String value, String label, boolean selected) { }

    record PageLink(String label, String href, boolean current) { }

    record OrganizationList(List<Row> rows, String q, String total, String matched, String shown, List<Choice> municipalities, List<Choice> kinds,
                            List<Choice> statuses, boolean filtered, List<PageLink> pageLinks, String previous, String next, String pageText)
            implements Pages.View { }

    record Audit(String decisionId, String asOf, Views.Badge status, String rulesVersion, String by) { }

    record Change(String decree, String clause, Views.Badge from, Views.Badge to, String asOf, String decisionId) { }

    record OrganizationView(OrganizationHistory h, String again, String template, String xlsx, String count, Views.Chart chart,
                            List<Audit> audits, List<String> matrixDates, List<String> matrixIds, List<Views.MatrixRow> matrix,
                            String matrixNote, List<Change> changes, ViolationPages.OfOrganization violations) implements Pages.View { }

    private final Pages pages;

    OrganizationPages(Pages pages) { this.pages = pages; }

    void register(JavalinConfig config) {
        config.routes.get("/", pages.page(this::organizations), PageGuard.SCHOOL);
        config.routes.get("/organizations", pages.page(this::organizations), PageGuard.SCHOOL);
        config.routes.get("/organizations/{key}", pages.page(this::organization), PageGuard.SCHOOL);
        config.routes.get("/organizations/{key}/history.xlsx", pages.page((ctx, s) -> {
            if (pages.noStore(ctx, s)) return;
            OrganizationHistory h = pages.history().organization(s.who(), ctx.pathParam("key")).orElse(null);
            if (h == null) pages.notFound(ctx, s, "Нет сохранённых проверок этой организации.");
            else Pages.download(ctx, "История проверок.xlsx", SheetIntake.XLSX, ResultWorkbooks.history(h));
        }), PageGuard.SCHOOL);
    }

    private void organizations(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String q = param(ctx, "q");
        String municipality = param(ctx, "municipality");
        String kind = param(ctx, "kind");
        String status = param(ctx, "status");
        List<String> bad = new ArrayList<>();
        if (kind != null && !OrgKinds.kinds().contains(kind)) bad.add("вид организации «" + kind + "» неизвестен; выберите его из списка");
        if (status != null && !STATUSES.contains(status)) bad.add("итог «" + status + "» неизвестен; выберите его из списка");
        String pageText = param(ctx, "page");
        long page = pageText != null && pageText.matches("[0-9]{1,9}") ? Long.parseLong(pageText) : 1;
        if (pageText != null && (page < 1 || !pageText.matches("[0-9]{1,9}"))) bad.add("номер страницы «" + pageText + "» — ожидается целое число от 1");
        if (!bad.isEmpty()) {
            pages.error(ctx, s, 400, "Неверный отбор организаций", "Отбор не выполнен: " + String.join("; ", bad) + ".");
            return;
        }
        HistoryQueries.OrganizationQuery query = new HistoryQueries.OrganizationQuery(municipality, kind, status, q);
        HistoryQueries.OrganizationPage found = pages.history().organizations(s.who(), query, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        long pagesCount = Math.max(1, (found.matched() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page > pagesCount) { // past the end (the list shrank, or a hand-typed address): the last page
            page = pagesCount;
            found = pages.history().organizations(s.who(), query, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        }
        List<Row> rows = new ArrayList<>();
        for (LatestAudit a : found.rows()) {
            rows.add(new Row(a.organizationKey(), "/organizations/" + Pages.enc(a.organizationKey()), "/audits/new?org=" + Pages.enc(a.organizationKey()),
                    a.organizationName(), a.municipality(), a.organizationKind() == null ? "—" : OrgKinds.label(a.organizationKind()),
                    Fmt.date(a.asOf()), a.decisionId(), Views.statusBadge(a.status())));
        }
        String canonicalMunicipality = municipality == null ? null : pages.history().municipalityName(municipality);
        List<Choice> municipalities = new ArrayList<>();
        for (String m : pages.history().municipalityNames(s.who())) municipalities.add(new Choice(m, m, m.equals(canonicalMunicipality)));
        if (canonicalMunicipality != null && municipalities.stream().noneMatch(Choice::selected)) {
            municipalities.add(0, new Choice(municipality, municipality + " (проверок нет)", true));
        }
        List<Choice> kinds = OrgKinds.kinds().stream().sorted().map(k -> new Choice(k, OrgKinds.label(k), k.equals(kind))).toList();
        List<Choice> statuses = STATUSES.stream().map(x -> new Choice(x, Labels.status(x), x.equals(status))).toList();
        String filterQuery = query(q, municipality, kind, status);
        List<PageLink> links = pageLinks(page, pagesCount, filterQuery);
        long first = found.matched() == 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
        String shownText = found.matched() == 0 ? null : "Показаны " + first + "–" + (first + rows.size() - 1) + " из " + found.matched();
        boolean filtered = q != null || municipality != null || kind != null || status != null;
        pages.render(ctx, s, 200, "organizations", "organizations", new OrganizationList(rows, q == null ? "" : q, Ru.organizations(found.audited()),
                filtered ? Ru.organizations(found.matched()) : null, shownText, municipalities, kinds, statuses, filtered, links,
                page > 1 ? href(filterQuery, page - 1) : null, page < pagesCount ? href(filterQuery, page + 1) : null,
                "Страница " + page + " из " + pagesCount));
    }

    /** The overall statuses an audit can end with, in the order the filter offers them. */
    static final List<String> STATUSES = List.of("non-compliant", "incomplete", "pending", "compliant", "not-applicable", "error");

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The filter's query string (without the page), so that every page link keeps the filter. */
    static String query(String q, String municipality, String kind, String status) {
        StringBuilder b = new StringBuilder();
        for (String[] p : new String[][] {{"q", q}, {"municipality", municipality}, {"kind", kind}, {"status", status}}) {
            if (p[1] == null) continue;
            b.append(b.length() == 0 ? "" : "&").append(p[0]).append('=').append(Pages.enc(p[1]));
        }
        return b.toString();
    }

    static String href(String filterQuery, long page) {
        String q = filterQuery.isEmpty() ? "" : filterQuery;
        if (page > 1) q += (q.isEmpty() ? "" : "&") + "page=" + page;
        return "/organizations" + (q.isEmpty() ? "" : "?" + q);
    }

    /** Links to the first, last and nearby pages; a gap between them is one «…» (href null). */
    static List<PageLink> pageLinks(long page, long pages, String filterQuery) {
        List<PageLink> out = new ArrayList<>();
        if (pages <= 1) return out;
        long last = 0;
        for (long p = 1; p <= pages; p++) {
            if (p != 1 && p != pages && Math.abs(p - page) > 2) continue;
            if (last != 0 && p > last + 1) out.add(new PageLink("…", null, false));
            out.add(new PageLink(String.valueOf(p), href(filterQuery, p), p == page));
            last = p;
        }
        return out;
    }

    private void organization(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        OrganizationHistory h = pages.history().organization(s.who(), ctx.pathParam("key")).orElse(null);
        if (h == null) {
            pages.notFound(ctx, s, "Нет сохранённых проверок этой организации.");
            return;
        }
        List<Audit> audits = h.audits().stream().map(e -> new Audit(e.decisionId(), Fmt.date(e.asOf()), Views.statusBadge(e.status()),
                e.rulesVersion(), e.submittedBy())).toList();
        int from = Math.max(0, h.audits().size() - MATRIX_AUDITS);
        OrganizationHistory recent = new OrganizationHistory(h.organizationKey(), h.name(), h.municipality(),
                h.audits().subList(from, h.audits().size()), h.changes());
        List<Change> changes = new ArrayList<>();
        for (int i = h.changes().size() - 1; i >= 0 && changes.size() < CHANGES_SHOWN; i--) {
            OrganizationHistory.Change c = h.changes().get(i);
            changes.add(new Change(c.decree(), c.clause(), Views.badge(c.from()), Views.badge(c.to()), Fmt.date(c.asOf()), c.decisionId()));
        }
        String key = Pages.enc(h.organizationKey());
        pages.render(ctx, s, 200, "organization", "organizations", new OrganizationView(h, "/audits/new?org=" + key,
                "/templates/organization.xlsx?org=" + key, "/organizations/" + key + "/history.xlsx", Ru.audits(h.audits().size()), Views.history(h),
                audits, recent.audits().stream().map(e -> Fmt.date(e.asOf())).toList(),
                recent.audits().stream().map(OrganizationHistory.Entry::decisionId).toList(), Views.matrix(recent),
                from > 0 ? "Показаны последние " + recent.audits().size() + " из " + Ru.audits(h.audits().size()) + "." : null, changes,
                ViolationPages.ofOrganization(pages, h.organizationKey(), s.who())));
    }
}
