package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.formats.documents.RemedyOrderDocuments;
import ru.edu.auditor.report.RemedyOrder;
import ru.edu.auditor.report.RemedyOrders;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.violations.RemedyOrderService;
import ru.edu.auditor.service.violations.Violation;
import ru.edu.auditor.service.violations.ViolationService;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * Violations followed to the end and remedy orders in the workspace: the violations by organization or by clause
 * with filters, issuing a предписание for open violations of one organization, the order's page with its documents.
 * The organization page's timeline and the district page's overdue flag read the same {@link ViolationService}.
 */
final class ViolationPages {
    /** Violations a page lists at most (the filters narrow it; the API gives all). */
    static final int LISTED = 1000;

    record OrderLink(String label, String href) { }

    record Row(String organization, String organizationHref, String document, String clause, Views.Badge state, boolean overdue, String foundOn,
               String foundHref, String lastFailedOn, String lastFailedHref, String failures, String due, List<OrderLink> orders, String closedOn,
               String closedHref, String closure) { }

    record Group(String id, String title, String href, String issueHref, String counts, List<Row> rows) { }

    record Option(String value, String label, boolean selected) { }

    record ViolationsView(Collection<String> municipalities, String municipality, String organizationKey, String organizationName, List<Option> states,
                          List<Option> clauses, String grouping, String summary, List<Group> groups, String shownNote, String today,
                          List<String> errors) implements Pages.View { }

    record Choice(String value, String document, String clause, String foundOn, String lastFailedOn, String due, boolean checked) { }

    /** The issue form: the organization's open violations to pick, the fields, every problem by field. */
    record IssueView(String organizationKey, String organizationName, String municipality, List<Choice> choices, Map<String, String> values,
                     Map<String, List<String>> errors, List<String> summary, String summaryTitle, String violationsHref) implements Pages.View { }

    record Point(String number, String requirement, String found) { }

    record OrderView(String id, String title, String dated, List<String[]> header, String intro, List<Point> points, String demand, String signer,
                     String issuedBy, String pdf, String docx, String organizationHref, String violationsHref) implements Pages.View { }

    private final Pages pages;

    ViolationPages(Pages pages) { this.pages = pages; }

    private ViolationService violations() { return ViolationService.over(pages.history()); }

    private RemedyOrderService orders() { return RemedyOrderService.over(pages.history(), violations()); }

    void register(JavalinConfig config) {
        config.routes.get("/violations", pages.page(this::list), PageGuard.AUDITOR);
        config.routes.get("/violations/order", pages.page(this::issueForm), PageGuard.AUDITOR);
        config.routes.post("/violations/order", pages.page(this::issue), PageGuard.AUDITOR);
        config.routes.get("/remedy-orders/{id}.pdf", pages.page((ctx, s) -> document(ctx, s, true)), PageGuard.AUDITOR);
        config.routes.get("/remedy-orders/{id}.docx", pages.page((ctx, s) -> document(ctx, s, false)), PageGuard.AUDITOR);
        config.routes.get("/remedy-orders/{id}", pages.page(this::order), PageGuard.AUDITOR);
    }

    // ------------------------------------------------------------------------------------------- the list

    private void list(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        Tokens.Principal who = s.who();
        String municipality = param(ctx, "municipality");
        String org = param(ctx, "org");
        String clauseParam = param(ctx, "clause");
        String stateParam = param(ctx, "state");
        String grouping = "clause".equals(ctx.queryParam("by")) ? "clause" : "organization";
        List<String> errors = new ArrayList<>();
        Violation.State state = null;
        if (stateParam != null) {
            state = switch (stateParam) {
                case "open" -> Violation.State.OPEN;
                case "overdue" -> Violation.State.OVERDUE;
                case "closed" -> Violation.State.CLOSED;
                default -> {
                    errors.add("Состояние: выберите «открытые», «просроченные» или «закрытые».");
                    yield null;
                }
            };
        }
        String decree = null, clause = null;
        if (clauseParam != null) {
            int bar = clauseParam.indexOf('|');
            if (bar > 0) {
                decree = clauseParam.substring(0, bar);
                clause = clauseParam.substring(bar + 1);
            } else {
                errors.add("Пункт: выберите пункт из списка.");
            }
        }
        ViolationService service = violations();
        List<Violation> all = service.find(new ViolationService.Query(org, municipality, null, null, null), who);
        // the clause list offers every clause with a violation under the other filters
        Map<String, String> clauseLabels = new TreeMap<>();
        for (Violation v : all) clauseLabels.put(v.decree() + "|" + v.clause(), v.document() + ", п. " + v.clause());
        List<Violation> found = new ArrayList<>();
        for (Violation v : all) {
            if (decree != null && !(v.decree().equals(decree) && v.clause().equals(clause))) continue;
            if (state == Violation.State.OPEN && !v.open() || state == Violation.State.CLOSED && v.open()
                    || state == Violation.State.OVERDUE && !v.overdue()) continue;
            found.add(v);
        }
        int open = 0, overdue = 0, closed = 0;
        for (Violation v : found) {
            if (v.overdue()) overdue++;
            if (v.open()) open++;
            else closed++;
        }
        String summary = found.isEmpty() ? "Нарушений не найдено." : "Открыто: " + Plural.count(open, "нарушение", "нарушения", "нарушений")
                + (overdue > 0 ? " (из них просрочено: " + overdue + ")" : "") + "; закрыто: " + closed + ".";
        List<Violation> shown = found.size() > LISTED ? found.subList(0, LISTED) : found;
        Map<String, List<Violation>> grouped = new LinkedHashMap<>();
        for (Violation v : shown) {
            grouped.computeIfAbsent(grouping.equals("clause") ? v.decree() + "|" + v.clause() : v.organizationKey(), k -> new ArrayList<>()).add(v);
        }
        List<Group> groups = new ArrayList<>();
        int n = 0;
        for (List<Violation> g : grouped.values()) {
            Violation first = g.get(0);
            long openHere = g.stream().filter(Violation::open).count();
            long overdueHere = g.stream().filter(Violation::overdue).count();
            String counts = "открыто: " + openHere + (overdueHere > 0 ? ", просрочено: " + overdueHere : "") + ", закрыто: " + (g.size() - openHere);
            if (grouping.equals("clause")) {
                groups.add(new Group("g" + (++n), first.document() + ", п. " + first.clause(), null, null, counts,
                        g.stream().map(v -> row(v, true)).toList()));
            } else {
                String key = Pages.enc(first.organizationKey());
                groups.add(new Group("g" + (++n), first.organizationName() + " (" + first.municipality() + ")", "/organizations/" + key,
                        openHere > 0 ? "/violations/order?org=" + key : null, counts, g.stream().map(v -> row(v, false)).toList()));
            }
        }
        List<Option> states = List.of(new Option("", "все", state == null), new Option("open", "открытые", state == Violation.State.OPEN),
                new Option("overdue", "просроченные", state == Violation.State.OVERDUE), new Option("closed", "закрытые", state == Violation.State.CLOSED));
        List<Option> clauses = new ArrayList<>();
        clauses.add(new Option("", "все пункты", clauseParam == null));
        clauseLabels.forEach((value, label) -> clauses.add(new Option(value, label, value.equals(clauseParam))));
        String orgName = org == null ? null : all.isEmpty() ? org : all.get(0).organizationName();
        pages.render(ctx, s, errors.isEmpty() ? 200 : 400, "violations", "violations", new ViolationsView(pages.history().municipalities(who).values(),
                municipality == null ? "" : municipality, org, orgName, states, clauses, grouping, summary, groups,
                found.size() > LISTED ? "Показаны первые " + LISTED + " из " + found.size() + "; сузьте отбор." : null, Fmt.date(service.today()), errors));
    }

    private static Row row(Violation v, boolean withOrganization) {
        Views.Badge state = switch (v.state()) {
            case OVERDUE -> new Views.Badge("overdue", "просрочено", "!", "v-error");
            case OPEN -> new Views.Badge("open", "открыто", "✗", "v-fail");
            case CLOSED -> new Views.Badge("closed", "закрыто", "✓", "v-pass");
        };
        List<OrderLink> orders = v.orders().stream().map(o -> new OrderLink("№ " + o.number() + " от " + Fmt.date(o.issuedOn()),
                "/remedy-orders/" + o.id())).toList();
        return new Row(withOrganization ? v.organizationName() : null, "/organizations/" + Pages.enc(v.organizationKey()), v.document(), v.clause(),
                state, v.overdue(), Fmt.date(v.foundOn()), "/reports/" + v.foundBy(), Fmt.date(v.lastFailedOn()), "/reports/" + v.lastFailedBy(),
                Plural.count(v.failures(), "проверка", "проверки", "проверок"), v.dueOn() == null ? "—" : "до " + Fmt.date(v.dueOn()), orders,
                v.closedOn() == null ? null : Fmt.date(v.closedOn()), v.closedBy() == null ? null : "/reports/" + v.closedBy(),
                v.closure() == null ? null : v.closure().words() + (v.closedLate() ? " (после срока)" : ""));
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    // ------------------------------------------------------------------------------------------- issuing

    private void issueForm(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String org = param(ctx, "org");
        Map<String, String> values = new TreeMap<>();
        values.put("dueOn", "");
        values.put("authority", "");
        values.put("signerPosition", "");
        values.put("signerName", "");
        showForm(ctx, s, 200, org, values, List.of(), List.of());
    }

    /** The form (200) or the form with every problem (400); 404 when the organization has no open violation the caller sees. */
    private void showForm(Context ctx, Sessions.Session s, int status, String org, Map<String, String> values, List<String> picked,
                          List<FieldProblem> problems) throws IOException {
        List<Violation> open = org == null ? List.of() : violations().find(new ViolationService.Query(org, null, null, null, Violation.State.OPEN), s.who());
        if (open.isEmpty()) {
            pages.notFound(ctx, s, "У этой организации нет открытых нарушений: предписание выдаётся только по открытым нарушениям.");
            return;
        }
        List<Choice> choices = open.stream().map(v -> new Choice(v.decree() + "|" + v.clause(), v.document(), v.clause(), Fmt.date(v.foundOn()),
                Fmt.date(v.lastFailedOn()), v.dueOn() == null ? null : Fmt.date(v.dueOn()), picked.contains(v.decree() + "|" + v.clause()))).toList();
        Map<String, List<String>> errors = new TreeMap<>();
        List<String> summary = new ArrayList<>();
        for (FieldProblem p : problems) {
            String field = switch (p.path()) {
                case "$.dueOn" -> "dueOn";
                case "$.issuedOn" -> "dueOn";
                case "$.authority" -> "authority";
                case "$.signer.position" -> "signerPosition";
                case "$.signer.name" -> "signerName";
                default -> "violations";
            };
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add(p.message());
            summary.add(LABELS.get(field) + ": " + p.message());
        }
        Violation first = open.get(0);
        pages.render(ctx, s, status, "violations-order", "violations", new IssueView(org, first.organizationName(), first.municipality(), choices,
                values, errors, summary, "Предписание не выдано: исправьте " + Plural.count(summary.size(), "ошибку", "ошибки", "ошибок"),
                "/violations?org=" + Pages.enc(org)));
    }

    private static final Map<String, String> LABELS = Map.of("dueOn", "Срок устранения", "authority", "Кто выдаёт", "signerPosition",
            "Должность подписывающего", "signerName", "Фамилия и инициалы подписывающего", "violations", "Нарушения");

    private void issue(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String org = ctx.formParam("org");
        List<String> picked = ctx.formParams("violation");
        Map<String, String> values = new TreeMap<>();
        for (String f : List.of("dueOn", "authority", "signerPosition", "signerName")) values.put(f, ctx.formParam(f) == null ? "" : ctx.formParam(f));
        List<FieldProblem> shape = new ArrayList<>();
        String due = values.get("dueOn").strip();
        java.time.LocalDate dueDate = due.isEmpty() ? null : FormSchema.date(due);
        if (!due.isEmpty() && dueDate == null) shape.add(new FieldProblem("$.dueOn", "ожидается дата ДД.ММ.ГГГГ, получено «" + due + "»", "date"));
        List<RemedyOrderService.ClauseRef> refs = new ArrayList<>();
        for (String p : picked) {
            int bar = p.indexOf('|');
            if (bar > 0) refs.add(new RemedyOrderService.ClauseRef(p.substring(0, bar), p.substring(bar + 1)));
        }
        RemedyOrderService.Request r = new RemedyOrderService.Request(org, refs, dueDate == null ? null : dueDate.toString(), null,
                values.get("authority"), values.get("signerPosition"), values.get("signerName"));
        RemedyOrderService.Outcome o = orders().issue(r, s.who(), shape);
        if (!o.issued()) {
            // the date the service found missing was given but unreadable: the shape problem says so once
            List<FieldProblem> problems = o.problems().stream().filter(p -> shape.isEmpty() || !(p.path().equals("$.dueOn") && p.code().equals("required"))).toList();
            showForm(ctx, s, 400, org, values, picked, problems);
            return;
        }
        Pages.seeOther(ctx, "/remedy-orders/" + o.order().id());
    }

    // ------------------------------------------------------------------------------------------- the order

    private void order(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        RemedyOrders.Issued o = orders().find(ctx.pathParam("id"), s.who()).orElse(null);
        if (o == null) {
            pages.notFound(ctx, s, "Нет такого предписания.");
            return;
        }
        RemedyOrder doc = RemedyOrderService.document(o);
        List<Point> points = new ArrayList<>();
        int n = 0;
        for (RemedyOrder.Point p : doc.points()) points.add(new Point(String.valueOf(++n), RemedyOrder.requirement(p), RemedyOrder.found(p)));
        pages.render(ctx, s, 200, "remedy-order", "violations", new OrderView(o.id(), doc.title(), doc.dated(), doc.header(), doc.intro(), points,
                doc.demand(), doc.signerPosition() + " — " + doc.signerName(), o.issuedBy() + ", " + Pages.instant(o.issuedAt()),
                "/remedy-orders/" + o.id() + ".pdf", "/remedy-orders/" + o.id() + ".docx", "/organizations/" + Pages.enc(o.organizationKey()),
                "/violations?org=" + Pages.enc(o.organizationKey())));
    }

    private void document(Context ctx, Sessions.Session s, boolean pdf) throws IOException {
        if (pages.noStore(ctx, s)) return;
        RemedyOrders.Issued o = orders().find(ctx.pathParam("id"), s.who()).orElse(null);
        if (o == null) {
            pages.notFound(ctx, s, "Нет такого предписания.");
            return;
        }
        RemedyOrder doc = RemedyOrderService.document(o);
        if (pdf) Pages.download(ctx, doc.fileName("pdf"), ActDocuments.PDF, RemedyOrderDocuments.pdf(doc));
        else Pages.download(ctx, doc.fileName("docx"), ActDocuments.DOCX, RemedyOrderDocuments.docx(doc));
    }

    // ------------------------------------------------------------------------------------------- shown elsewhere

    /** One step of an organization's violation timeline: found, ordered, due, fixed. */
    record Step(String date, String what, String href, String linkText, boolean overdue) { }

    /** One violation on the organization's page, with its timeline. */
    record Timeline(String title, Views.Badge state, List<Step> steps) { }

    /**
     * The district page's flag: overdue violations today (whatever date the roll-up shows) per organization key, their
     * total in words, and the list of them; {@code total} null when there are none.
     */
    record Overdue(Map<String, Integer> byOrganization, String total, String href) { }

    static Overdue overdue(Pages pages, String municipality, Tokens.Principal who) {
        Map<String, Integer> by = ViolationService.over(pages.history()).overdueByOrganization(municipality, who);
        int n = by.values().stream().mapToInt(Integer::intValue).sum();
        return new Overdue(by, n == 0 ? null : "Просрочено " + Plural.count(n, "нарушение", "нарушения", "нарушений") + " в "
                + Plural.count(by.size(), "организации", "организациях", "организациях") + ": срок из предписания истёк, а проверки не показали устранения.",
                "/violations?state=overdue&municipality=" + Pages.enc(municipality));
    }

    /** The organization page's block: its violations' timelines, how many are open and overdue, where to see and order them. */
    record OfOrganization(List<Timeline> timelines, String summary, boolean overdue, String listHref, String issueHref) { }

    static OfOrganization ofOrganization(Pages pages, String organizationKey, Tokens.Principal who) {
        List<Violation> all = ViolationService.over(pages.history()).timeline(organizationKey, who);
        long open = all.stream().filter(Violation::open).count();
        long overdue = all.stream().filter(Violation::overdue).count();
        String summary = all.isEmpty() ? "Нарушений не выявлено." : "Открыто: " + Plural.count(open, "нарушение", "нарушения", "нарушений")
                + (overdue > 0 ? ", из них просрочено: " + overdue : "") + "; закрыто: " + (all.size() - open) + ".";
        String key = Pages.enc(organizationKey);
        return new OfOrganization(timeline(all), summary, overdue > 0, "/violations?org=" + key, open > 0 ? "/violations/order?org=" + key : null);
    }

    /** The organization's violations, each with its timeline (latest found first), for the organization page. */
    static List<Timeline> timeline(List<Violation> violations) {
        List<Timeline> out = new ArrayList<>();
        for (int i = violations.size() - 1; i >= 0; i--) {
            Violation v = violations.get(i);
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(Fmt.date(v.foundOn()), "выявлено", "/reports/" + v.foundBy(), "отчёт", false));
            for (Violation.Order o : v.orders()) {
                steps.add(new Step(Fmt.date(o.issuedOn()), "выдано предписание № " + o.number() + ", срок — до " + Fmt.date(o.dueOn()),
                        "/remedy-orders/" + o.id(), "предписание", false));
            }
            if (v.overdue()) steps.add(new Step(Fmt.date(v.dueOn()), "срок устранения истёк, нарушение не устранено", null, null, true));
            if (v.closedOn() != null) {
                steps.add(new Step(Fmt.date(v.closedOn()), v.closure().words() + (v.closedLate() ? " (после срока)" : ""), "/reports/" + v.closedBy(),
                        "отчёт", false));
            } else if (v.failures() > 1) {
                steps.add(new Step(Fmt.date(v.lastFailedOn()), "по-прежнему не выполнено (" + Plural.count(v.failures(), "проверка", "проверки", "проверок")
                        + " с нарушением)", "/reports/" + v.lastFailedBy(), "отчёт", false));
            }
            out.add(new Timeline(v.document() + ", п. " + v.clause(), row(v, false).state(), steps));
        }
        return out;
    }
}
