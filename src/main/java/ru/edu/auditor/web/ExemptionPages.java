package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.service.ExemptionService;
import ru.edu.auditor.service.LatestAudit;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.text.Fmt;

/**
 * Exemptions of an organization from a clause (issue 21, item 5): their list with filters, recording one (the
 * organization picked from the audited ones, the clause from the catalog) and revoking one. Everything goes through
 * {@link ExemptionService}, as the API's exemptions do, with the API's role (admin); this page only turns the form
 * into the service's request and the service's problems into messages at their fields.
 */
final class ExemptionPages {
    /** Longest clause text an option of the clause list quotes. */
    static final int CLAUSE_QUOTE = 90;

    record Option(String value, String label, boolean selected) { }

    record OptionGroup(String label, List<Option> options) { }

    record Row(long id, String organization, String organizationHref, String municipality, String decree, String decreeHref, String clause,
               String justification, String document, String recordedBy, String expiresOn, String state, String stateCss,
               boolean revocable, String revocation, String reasonError, String reason) { }

    record ExemptionList(List<Row> rows, String count, List<Option> organizations, List<Option> municipalities, List<Option> states,
                         String filterOrganization, String filterMunicipality, String filterState, boolean filtered,
                         List<Option> pickOrganizations, List<OptionGroup> clauses, Map<String, String> values, Map<String, List<String>> errors,
                         List<AuditFormPages.SummaryItem> summary, String notice, List<String> warnings) implements Pages.View { }

    /** The form's fields in the order the page shows them (and the summary lists their problems). */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("organization", "Организация");
        FIELDS.put("clause", "Пункт решения");
        FIELDS.put("justification", "Обоснование");
        FIELDS.put("documentNumber", "Номер документа об освобождении");
        FIELDS.put("documentDate", "Дата документа");
        FIELDS.put("expiresOn", "Действует по");
    }

    private final Pages pages;
    private final ExemptionService exemptions;
    private final RulesHolder rules;

    ExemptionPages(Pages pages, ExemptionService exemptions, RulesHolder rules) {
        this.pages = pages;
        this.exemptions = exemptions;
        this.rules = rules;
    }

    void register(JavalinConfig config) {
        config.routes.get("/exemptions", pages.page((ctx, s) -> list(ctx, s, 200, Map.of(), Map.of(), null, List.of(), null, null)), PageGuard.ADMIN);
        config.routes.post("/exemptions", pages.page(this::record), PageGuard.ADMIN);
        config.routes.post("/exemptions/{id}/revoke", pages.page(this::revoke), PageGuard.ADMIN);
    }

    private void record(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FIELDS.keySet()) values.put(f, ctx.formParam(f) == null ? "" : ctx.formParam(f));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ObjectNode body = Json.mapper().createObjectNode();
        LatestAudit org = values.get("organization").isBlank() ? null : organizations(s).get(values.get("organization"));
        if (org == null) {
            add(errors, "organization", values.get("organization").isBlank() ? "выберите организацию из списка проверенных"
                    : "такой организации нет среди проверенных; выберите её из списка");
        } else {
            ObjectNode o = body.putObject("organization");
            // an organization audited under its own id is exempted under that id; one known by name and municipality, by them
            if (!org.organizationKey().equals(OrganizationKey.nameKey(org.organizationName(), org.municipality()))) o.put("id", org.organizationKey());
            o.put("name", org.organizationName());
            o.put("municipality", org.municipality());
        }
        String[] clause = values.get("clause").split("\\|", 2);
        if (clause.length == 2) {
            body.put("decree", clause[0]);
            body.put("clause", clause[1]);
        } else {
            add(errors, "clause", "выберите решение и его пункт");
        }
        if (!values.get("justification").isBlank()) body.put("justification", values.get("justification"));
        body.putObject("document");
        if (!values.get("documentNumber").isBlank()) body.with("document").put("number", values.get("documentNumber"));
        date(values, "documentDate", errors).ifPresent(d -> body.with("document").put("date", d.toString()));
        date(values, "expiresOn", errors).ifPresent(d -> body.put("expiresOn", d.toString()));
        ExemptionService.Outcome o = exemptions.record(body, s.who());
        if (o.recorded() != null && errors.isEmpty()) {
            list(ctx, s, 200, Map.of(), Map.of(), "Освобождение № " + o.recorded().id() + " записано: " + o.recorded().organizationName() + ", "
                    + clauseName(o.recorded().decree(), o.recorded().clause()) + ", по " + Fmt.date(o.recorded().expiresOn()) + " включительно.",
                    o.warnings(), null, null);
            return;
        }
        for (FieldProblem p : o.problems()) {
            String field = field(p.path());
            if (errors.containsKey(field)) continue; // the form already said why this field was not read
            add(errors, field, message(p));
        }
        list(ctx, s, 400, values, errors, null, List.of(), null, null);
    }

    private void revoke(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String idText = ctx.pathParam("id");
        Exemptions.Recorded r = idText.matches("[0-9]{1,18}") ? exemptions.find(s.who(), Long.parseLong(idText)).orElse(null) : null;
        if (r == null) {
            pages.notFound(ctx, s, "Нет освобождения с таким номером.");
            return;
        }
        String reason = ctx.formParam("reason") == null ? "" : ctx.formParam("reason").strip();
        if (reason.isEmpty()) {
            list(ctx, s, 400, Map.of(), Map.of(), null, List.of(), r.id(), "укажите причину отзыва: она попадёт в список и в отчёты");
            return;
        }
        String bad = ExemptionService.reasonProblem(reason);
        if (bad != null) {
            list(ctx, s, 400, Map.of(), Map.of(), null, List.of(), r.id(), "причина отзыва — видимый текст в одну строку: " + bad);
            return;
        }
        String notice = switch (exemptions.revoke(r.id(), s.who(), reason)) {
            case REVOKED -> "Освобождение № " + r.id() + " отозвано.";
            case ALREADY -> "Освобождение № " + r.id() + " уже было отозвано; повторный отзыв не записан.";
            case NOT_FOUND -> "Освобождение № " + r.id() + " не найдено.";
        };
        list(ctx, s, 200, Map.of(), Map.of(), notice, List.of(), null, null);
    }

    private void list(Context ctx, Sessions.Session s, int status, Map<String, String> values, Map<String, List<String>> errors, String notice,
                      List<String> warnings, Long reasonFor, String reasonError) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String org = blankToNull(ctx.queryParam("organization"));
        String municipality = blankToNull(ctx.queryParam("municipality"));
        String state = blankToNull(ctx.queryParam("state"));
        Map<String, LatestAudit> orgs = organizations(s);
        List<Exemptions.Recorded> found = org != null ? exemptions.byOrganization(s.who(), org)
                : municipality != null ? exemptions.byMunicipality(s.who(), municipality) : exemptions.all(s.who());
        List<Row> rows = new ArrayList<>();
        for (int i = found.size() - 1; i >= 0; i--) { // the latest recorded first
            Exemptions.Recorded r = found.get(i);
            ExemptionService.State st = ExemptionService.state(r, null);
            if (state != null && !st.name().equals(state)) continue;
            String revocation = r.revokedAt() == null ? null : "отозвал " + r.revokedBy() + " " + Pages.instant(r.revokedAt())
                    + (r.revocationReason() == null ? "" : ": " + r.revocationReason());
            boolean here = reasonFor != null && reasonFor == r.id();
            rows.add(new Row(r.id(), r.organizationName(), orgs.containsKey(r.organizationKey()) ? "/organizations/" + Pages.enc(r.organizationKey()) : null,
                    pages.history().municipalityName(r.municipality()), decreeName(r.decree()), "/decrees/" + Pages.enc(r.decree()), "п. " + r.clause(), r.justification(),
                    "№ " + r.documentNumber() + " от " + Fmt.date(r.documentDate()), r.recordedBy() + ", " + Pages.instant(r.recordedAt()),
                    Fmt.date(r.expiresOn()), stateLabel(st), "x-" + st.name().toLowerCase().replace('_', '-'), st != ExemptionService.State.REVOKED,
                    revocation, here ? reasonError : null, here ? ctx.formParam("reason") : null));
        }
        List<Option> orgOptions = new ArrayList<>();
        List<Option> pick = new ArrayList<>();
        for (LatestAudit a : orgs.values()) {
            String label = a.organizationName() + " (" + pages.history().municipalityName(a.municipality()) + ")";
            orgOptions.add(new Option(a.organizationKey(), label, a.organizationKey().equals(org)));
            pick.add(new Option(a.organizationKey(), label, a.organizationKey().equals(values.get("organization"))));
        }
        // municipalities by the catalog's names: «…район», «…округ» of one place are one choice
        String chosen = municipality == null ? null : pages.history().municipalityName(municipality);
        List<Option> muniOptions = pages.history().municipalityNames(s.who()).stream().map(m -> new Option(m, m, m.equals(chosen))).toList();
        List<Option> states = List.of(new Option("IN_FORCE", "действует", "IN_FORCE".equals(state)),
                new Option("EXPIRED", "срок истёк", "EXPIRED".equals(state)), new Option("REVOKED", "отозвано", "REVOKED".equals(state)));
        List<AuditFormPages.SummaryItem> summary = new ArrayList<>();
        errors.forEach((f, msgs) -> msgs.forEach(m -> summary.add(new AuditFormPages.SummaryItem(FIELDS.getOrDefault(f, "Освобождение"), m, "x-" + f))));
        pages.render(ctx, s, status, "exemptions", "exemptions", new ExemptionList(rows, Ru.plural(rows.size(), "Найдено ", "Найдено ", "Найдено ")
                + rows.size() + " " + Ru.plural(rows.size(), "освобождение", "освобождения", "освобождений"), orgOptions, muniOptions, states,
                org, municipality, state, org != null || municipality != null || state != null, pick, clauses(values.get("clause")), values, errors,
                summary, notice, warnings));
    }

    /** The audited organizations the caller sees, by key, by name (the list an exemption's organization is picked from). */
    private Map<String, LatestAudit> organizations(Sessions.Session s) {
        Map<String, LatestAudit> out = new LinkedHashMap<>();
        for (LatestAudit a : pages.history().organizations(s.who())) out.put(a.organizationKey(), a);
        return out;
    }

    /** The catalog's obligations (the clauses an exemption can relieve), grouped by decree in the catalog's order. */
    private List<OptionGroup> clauses(String selected) {
        List<OptionGroup> out = new ArrayList<>();
        for (Decree d : rules.catalog().decrees()) {
            List<Option> options = new ArrayList<>();
            for (Clause c : d.clauses()) {
                if (!c.isObligation()) continue;
                String value = d.id() + "|" + c.id();
                options.add(new Option(value, "п. " + c.id() + " — " + quote(c.text()), value.equals(selected)));
            }
            if (!options.isEmpty()) out.add(new OptionGroup(document(d), options));
        }
        return out;
    }

    private String decreeName(String id) { return rules.catalog().decree(id).map(ExemptionPages::document).orElse(id); }

    private String clauseName(String decree, String clause) { return decreeName(decree) + ", п. " + clause; }

    private static String document(Decree d) {
        return Fmt.capitalized(d.kind()) + " " + (d.number() == null ? "" : "№ " + d.number() + " ") + "от " + Fmt.date(d.date()) + " (" + d.issuer() + ")";
    }

    private static String quote(String text) {
        if (text == null) return "";
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= CLAUSE_QUOTE ? t : t.substring(0, t.lastIndexOf(' ', CLAUSE_QUOTE) > 40 ? t.lastIndexOf(' ', CLAUSE_QUOTE) : CLAUSE_QUOTE) + "…";
    }

    private static String stateLabel(ExemptionService.State st) {
        return switch (st) {
            case IN_FORCE -> "действует";
            case EXPIRED -> "срок истёк";
            case REVOKED -> "отозвано";
        };
    }

    /** The form field a problem of the service's request is about. */
    private static String field(String path) {
        return switch (path) {
            case "$.organization", "$.organization.name", "$.organization.municipality", "$.organization.id" -> "organization";
            case "$.decree", "$.clause" -> "clause";
            case "$.justification" -> "justification";
            case "$.document", "$.document.number" -> "documentNumber";
            case "$.document.date" -> "documentDate";
            case "$.expiresOn" -> "expiresOn";
            default -> "";
        };
    }

    /** The service's message as the form says it: field names of the request and API addresses are the API's words, not the page's. */
    private static String message(FieldProblem p) {
        return switch (p.code()) {
            case "required", "blank" -> "обязательное поле";
            case "unknown-decree" -> "в действующем каталоге нет такого решения; выберите пункт из списка";
            case "unknown-clause" -> "в решении нет такого пункта; выберите пункт из списка";
            default -> p.message();
        };
    }

    private static java.util.Optional<LocalDate> date(Map<String, String> values, String field, Map<String, List<String>> errors) {
        String s = values.get(field).strip();
        if (s.isEmpty()) return java.util.Optional.empty(); // the service names it as required
        LocalDate d = FormSchema.date(s);
        if (d == null) add(errors, field, "ожидается дата в виде ДД.ММ.ГГГГ, например 01.09.2025; введено «" + s + "»");
        return java.util.Optional.ofNullable(d);
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, x -> new ArrayList<>()).add(message);
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}
