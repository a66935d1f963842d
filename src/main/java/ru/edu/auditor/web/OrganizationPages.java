package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.OrganizationHistory;
import ru.edu.auditor.service.LatestAudit;
import ru.edu.auditor.formats.sheets.ResultWorkbooks;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.text.Fmt;

/** The audited organizations: their list with a search, and one organization's audits over time. */
final class OrganizationPages {
    /** Rows the list shows at most (the search narrows it). */
    static final int LISTED = 500;
    /** Changes of verdict the organization page lists, latest first. */
    static final int CHANGES_SHOWN = 30;
    /** Audits the clause matrix shows, latest last: a long history stays readable (and the page fast). */
    static final int MATRIX_AUDITS = 12;

    record Row(String key, String href, String again, String name, String municipality, String kind, String asOf, String decisionId,
               Views.Badge status) { }

    record OrganizationList(List<Row> rows, String q, String total, int shown) implements Pages.View { }

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
        String q = ctx.queryParam("q");
        String query = q == null ? "" : Views.fold(q.strip());
        List<Row> rows = new ArrayList<>();
        int total = 0;
        for (LatestAudit a : pages.history().organizations(s.who())) {
            total++;
            if (!query.isEmpty() && !Views.fold(a.organizationName() + " " + a.municipality() + " " + a.organizationKey()).contains(query)) continue;
            if (rows.size() >= LISTED) continue;
            rows.add(new Row(a.organizationKey(), "/organizations/" + Pages.enc(a.organizationKey()), "/audits/new?org=" + Pages.enc(a.organizationKey()),
                    a.organizationName(), a.municipality(), a.organizationKind() == null ? "—" : OrgKinds.label(a.organizationKind()),
                    Fmt.date(a.asOf()), a.decisionId(), Views.statusBadge(a.status())));
        }
        pages.render(ctx, s, 200, "organizations", "organizations", new OrganizationList(rows, q == null ? "" : q, Ru.organizations(total), rows.size()));
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
