package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.Csv;
import ru.edu.auditor.report.DistrictSummary;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.report.RollupCsv;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.formats.documents.DistrictDocuments;
import ru.edu.auditor.formats.sheets.ResultWorkbooks;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.text.Fmt;

/** A municipality's roll-up on a date: shares per clause, charts, every organization's latest audit; CSV and .xlsx. */
final class DistrictPages {
    /** Organizations the page lists at most; the full list is in the CSV and .xlsx. */
    static final int LISTED = 2000;

    record ClauseLine(String clause, String kind, Map<String, Integer> counts, String share) { }

    record DecreeBlock(Rollup.DecreeRollup d, Views.Chart chart, List<ClauseLine> clauses) { }

    record OrganizationLine(String name, String key, String href, String kind, String decisionId, String asOf, String asOfIso,
                            String statusCode, Views.Badge status, String usesPlatform) { }

    /** The page: the form alone, the form with a date error, or the roll-up. */
    record DistrictView(Collection<String> municipalities, String municipality, String asOf, String asOfError, Rollup rollup,
                        String organizationsCount, Rollup.PlatformShare platform, String platformShare, List<DecreeBlock> decrees,
                        List<Views.Badge> verdicts, List<OrganizationLine> orgs, String sort, String query,
                        ViolationPages.Overdue overdue) implements Pages.View {
        static DistrictView form(Collection<String> municipalities, String municipality, String asOf, String asOfError) {
            return new DistrictView(municipalities, municipality, asOf, asOfError, null, null, null, null, List.of(), List.of(), List.of(), null, null,
                    null);
        }
    }

    private final Pages pages;

    DistrictPages(Pages pages) { this.pages = pages; }

    void register(JavalinConfig config) {
        config.routes.get("/district", pages.page(this::district), PageGuard.AUDITOR);
        config.routes.get("/district/rollup.csv", pages.page((ctx, s) -> download(ctx, s, "csv")), PageGuard.AUDITOR);
        config.routes.get("/district/rollup.xlsx", pages.page((ctx, s) -> download(ctx, s, "xlsx")), PageGuard.AUDITOR);
        config.routes.get("/district/rollup.pdf", pages.page((ctx, s) -> download(ctx, s, "pdf")), PageGuard.AUDITOR);
        config.routes.get("/district/rollup.docx", pages.page((ctx, s) -> download(ctx, s, "docx")), PageGuard.AUDITOR);
    }

    private void district(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        Collection<String> municipalities = pages.history().municipalities(s.who()).values();
        String municipality = ctx.queryParam("municipality");
        String asOfParam = ctx.queryParam("asOf");
        LocalDate asOf = asOfParam == null || asOfParam.isBlank() ? LocalDate.now() : FormSchema.date(asOfParam.strip());
        String shownMunicipality = municipality == null ? "" : municipality;
        if (asOf == null) {
            pages.render(ctx, s, 400, "district", "district", DistrictView.form(municipalities, shownMunicipality, asOfParam,
                    "ожидается дата ДД.ММ.ГГГГ, получено «" + asOfParam + "»"));
            return;
        }
        if (municipality == null || municipality.isBlank()) {
            pages.render(ctx, s, 200, "district", "district", DistrictView.form(municipalities, shownMunicipality, Fmt.date(asOf), null));
            return;
        }
        String sort = ctx.queryParam("sort");
        DistrictView view = pages.history().rollup(s.who(), municipality.strip(), null, asOf, r -> {
            List<DecreeBlock> decrees = new ArrayList<>();
            for (Rollup.DecreeRollup d : r.decrees()) {
                decrees.add(new DecreeBlock(d, Views.rollup(d), d.clauses().stream().map(c -> new ClauseLine(c.clause(), Labels.clauseKind(c.kind()),
                        c.counts(), DistrictSummary.share(c))).toList()));
            }
            List<OrganizationLine> orgs = new ArrayList<>();
            for (Rollup.OrganizationLine o : r.organizationList()) {
                if (orgs.size() >= LISTED) continue; // read to the end: the list streams from the store
                orgs.add(new OrganizationLine(o.name(), o.organizationKey(), "/organizations/" + Pages.enc(o.organizationKey()),
                        o.kind() == null ? "—" : OrgKinds.label(o.kind()), o.decisionId(), Fmt.date(o.asOf()), String.valueOf(o.asOf()), o.status(),
                        Views.statusBadge(o.status()), o.usesPlatform() == null ? "нет сведений" : o.usesPlatform() ? "да" : "нет"));
            }
            orgs.sort(order(sort));
            Rollup.PlatformShare p = r.platformUse();
            return new DistrictView(municipalities, shownMunicipality, Fmt.date(asOf), null, r, Ru.organizations(r.organizations()), p,
                    p == null || p.generalOrganizations() == 0 ? "—" : p.share() == null ? "нет сведений"
                            : Fmt.share(p.using(), p.generalOrganizations()), decrees,
                    Labels.ROLLUP_COLUMNS.keySet().stream().map(Views::badge).toList(), orgs, sort == null ? "name" : sort,
                    "municipality=" + URLEncoder.encode(municipality.strip(), StandardCharsets.UTF_8) + "&asOf=" + asOf,
                    ViolationPages.overdue(pages, municipality.strip(), s.who()));
        }).orElse(null);
        if (view == null) {
            pages.notFound(ctx, s, "Нет муниципального образования «" + municipality.strip() + "» среди доступных вам.");
            return;
        }
        pages.render(ctx, s, 200, "district", "district", view);
    }

    private static Comparator<OrganizationLine> order(String sort) {
        return switch (sort == null ? "" : sort) {
            case "status" -> Comparator.comparing(o -> String.valueOf(o.statusCode()));
            case "date" -> Comparator.comparing(OrganizationLine::asOfIso).reversed();
            case "kind" -> Comparator.comparing(OrganizationLine::kind);
            default -> Comparator.comparing(o -> String.valueOf(o.name()));
        };
    }

    private void download(Context ctx, Sessions.Session s, String format) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String municipality = ctx.queryParam("municipality");
        LocalDate asOf = ctx.queryParam("asOf") == null ? LocalDate.now() : FormSchema.date(ctx.queryParam("asOf"));
        if (municipality == null || municipality.isBlank() || asOf == null) {
            pages.notFound(ctx, s, "Выберите муниципальное образование и дату на странице «Район».");
            return;
        }
        boolean found = pages.history().rollup(s.who(), municipality.strip(), null, asOf, r -> {
            String name = DistrictSummary.fileName(r, format);
            switch (format) {
                case "xlsx" -> Pages.download(ctx, name, SheetIntake.XLSX, ResultWorkbooks.rollup(r));
                case "pdf" -> Pages.download(ctx, name, ActDocuments.PDF, DistrictDocuments.pdf(DistrictSummary.of(r)));
                case "docx" -> Pages.download(ctx, name, ActDocuments.DOCX, DistrictDocuments.docx(DistrictSummary.of(r)));
                default -> Pages.download(ctx, name, Csv.CONTENT_TYPE, RollupCsv.of(r).bytes());
            }
            return true;
        }).isPresent();
        if (!found) pages.notFound(ctx, s, "Нет муниципального образования «" + municipality.strip() + "» среди доступных вам.");
    }
}
