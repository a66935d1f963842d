package ru.edu.auditor.service.violations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.Act;
import ru.edu.auditor.report.RemedyOrder;
import ru.edu.auditor.service.ExemptionService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.report.RemedyOrders;
import ru.edu.auditor.store.RemedyOrderRepository;
import ru.edu.auditor.store.StoredAudit;
import ru.edu.auditor.text.Fmt;

/**
 * Remedy orders («предписания», issue 24): an auditor issues one to one organization for some of its open violations,
 * with the date by which to remedy them; the store numbers it per year. What the document prints — each clause's
 * citation and quote, the facts the latest failing audit found (its explanation, as the act prints it) — is taken
 * when the order is issued and kept with it, so the document never changes afterwards.
 * <p>Body of a new order: {@code organization} (the key its audits are kept under), {@code violations} (a list of
 * {@code {decree, clause}}, each an open violation of that organization), {@code dueOn} (ГГГГ-ММ-ДД, after the
 * issue date), {@code issuedOn} (optional; today when absent; not in the future), {@code authority} (who issues it),
 * {@code signer} ({@code position}, {@code name}).
 */
public final class RemedyOrderService {
    static final int MAX_TEXT = 1000;
    private static final Set<String> FIELDS = Set.of("organization", "violations", "dueOn", "issuedOn", "authority", "signer");
    private static final Set<String> SIGNER_FIELDS = Set.of("position", "name");
    private static final Set<String> VIOLATION_FIELDS = Set.of("decree", "clause");
    private static final Pattern ID = Pattern.compile("([0-9]{4})-([0-9]{1,9})");

    private final AuditRepository store;
    private final RulesHolder rules;
    private final ViolationService violations;

    public RemedyOrderService(AuditRepository store, RulesHolder rules, ViolationService violations) {
        this.store = store;
        this.rules = rules;
        this.violations = violations;
    }

    /** Over the store and rules of the stored audits' queries, with {@code violations} judging what is open. */
    public static RemedyOrderService over(HistoryQueries history, ViolationService violations) {
        return new RemedyOrderService(history.store(), history.rules(), violations);
    }

    /** One violation an order is to name. */
    public record ClauseRef(String decree, String clause) { }

    /** An order as asked for (from a JSON body or a form); checked by {@link #issue}. Null: not given. */
    public record Request(String organizationKey, List<ClauseRef> violations, String dueOn, String issuedOn, String authority,
                          String signerPosition, String signerName) { }

    /** Either the stored order or every problem, by field path ({@code $.dueOn}, {@code $.violations[0].clause}). */
    public record Outcome(RemedyOrders.Issued order, List<FieldProblem> problems) {
        public boolean issued() { return order != null; }
    }

    /** The request a JSON body asks for, with the problems of its shape (unknown fields, wrong types) in {@code problems}. */
    public static Request fromJson(JsonNode body, List<FieldProblem> problems) {
        if (body == null || !body.isObject()) {
            problems.add(new FieldProblem("$", "ожидается JSON-объект с предписанием", "type"));
            return new Request(null, List.of(), null, null, null, null, null);
        }
        unknown(body, "$", FIELDS, problems);
        String org = string(body, "organization", "$.organization", problems);
        List<ClauseRef> refs = new ArrayList<>();
        JsonNode list = body.get("violations");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                problems.add(new FieldProblem("$.violations", "ожидается список нарушений: [{\"decree\": …, \"clause\": …}]", "type"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode v = list.get(i);
                    String path = "$.violations[" + i + "]";
                    if (!v.isObject()) {
                        problems.add(new FieldProblem(path, "ожидается объект с полями decree и clause", "type"));
                        refs.add(new ClauseRef(null, null));
                        continue;
                    }
                    unknown(v, path, VIOLATION_FIELDS, problems);
                    refs.add(new ClauseRef(string(v, "decree", path + ".decree", problems), string(v, "clause", path + ".clause", problems)));
                }
            }
        }
        String position = null, name = null;
        JsonNode signer = body.get("signer");
        if (signer != null && !signer.isNull()) {
            if (!signer.isObject()) {
                problems.add(new FieldProblem("$.signer", "ожидается объект с полями position (должность) и name (фамилия и инициалы)", "type"));
            } else {
                unknown(signer, "$.signer", SIGNER_FIELDS, problems);
                position = string(signer, "position", "$.signer.position", problems);
                name = string(signer, "name", "$.signer.name", problems);
            }
        }
        return new Request(org, refs, string(body, "dueOn", "$.dueOn", problems), string(body, "issuedOn", "$.issuedOn", problems),
                string(body, "authority", "$.authority", problems), position, name);
    }

    /**
     * Checks {@code r} — every problem listed, by field path — and issues the order as {@code who}: each violation named
     * must be open now for that organization, which {@code who} must see.
     */
    public Outcome issue(Request r, Tokens.Principal who) {
        return issue(r, who, List.of());
    }

    /** The same, with {@code shapeProblems} (from {@link #fromJson}) listed first. */
    public Outcome issue(Request r, Tokens.Principal who, List<FieldProblem> shapeProblems) {
        List<FieldProblem> problems = new ArrayList<>(shapeProblems);
        LocalDate today = violations.today();
        String org = required(r.organizationKey(), "$.organization", "организация (ключ, под которым хранятся её проверки)", problems);
        LocalDate issuedOn = r.issuedOn() == null || r.issuedOn().isBlank() ? today : date(r.issuedOn(), "$.issuedOn", problems);
        if (issuedOn != null && issuedOn.isAfter(today)) {
            problems.add(new FieldProblem("$.issuedOn", "дата предписания (" + Fmt.date(issuedOn) + ") позже сегодняшней (" + Fmt.date(today) + ")", "future"));
        }
        LocalDate dueOn = null;
        if (r.dueOn() == null || r.dueOn().isBlank()) problems.add(new FieldProblem("$.dueOn", "обязательное поле: срок устранения нарушений", "required"));
        else dueOn = date(r.dueOn(), "$.dueOn", problems);
        if (dueOn != null && issuedOn != null && !dueOn.isAfter(issuedOn)) {
            problems.add(new FieldProblem("$.dueOn", "срок устранения (" + Fmt.date(dueOn) + ") должен быть позже даты предписания (" + Fmt.date(issuedOn) + ")",
                    "not-after-issue"));
        }
        String authority = required(r.authority(), "$.authority", "кто выдаёт предписание (орган управления образованием)", problems);
        String position = required(r.signerPosition(), "$.signer.position", "должность подписывающего", problems);
        String name = required(r.signerName(), "$.signer.name", "фамилия и инициалы подписывающего", problems);
        List<Violation> named = new ArrayList<>();
        if (r.violations() == null || r.violations().isEmpty()) {
            problems.add(new FieldProblem("$.violations", "выберите хотя бы одно открытое нарушение организации", "required"));
        } else if (org != null) {
            Set<ClauseRef> seen = new HashSet<>();
            for (int i = 0; i < r.violations().size(); i++) {
                ClauseRef ref = r.violations().get(i);
                String path = "$.violations[" + i + "]";
                if (ref.decree() == null || ref.clause() == null) {
                    if (ref.decree() == null) problems.add(new FieldProblem(path + ".decree", "обязательное поле: решение (его идентификатор)", "required"));
                    if (ref.clause() == null) problems.add(new FieldProblem(path + ".clause", "обязательное поле: пункт решения", "required"));
                    continue;
                }
                if (!seen.add(ref)) {
                    problems.add(new FieldProblem(path, "нарушение п. " + ref.clause() + " уже названо в этом предписании", "duplicate"));
                    continue;
                }
                Violation v = violations.open(org, ref.decree().strip(), ref.clause().strip(), who).orElse(null);
                if (v == null) {
                    problems.add(new FieldProblem(path, "у организации нет открытого нарушения п. " + ref.clause() + " решения «" + ref.decree()
                            + "»: предписание выдаётся только по открытым нарушениям", "not-open"));
                } else {
                    named.add(v);
                }
            }
        }
        if (!problems.isEmpty()) return new Outcome(null, problems);
        Violation first = named.get(0);
        StoredAudit latest = store.find(named.stream().max(java.util.Comparator.comparing(Violation::lastFailedOn)).orElseThrow().lastFailedBy()).orElseThrow();
        List<RemedyOrders.Item> items = new ArrayList<>();
        for (Violation v : named) items.add(item(v));
        String kind = first.organizationKind();
        RemedyOrders.Issued stored = store.remedyOrders().issue(new RemedyOrderRepository.New(org, first.organizationName(),
                kind, first.municipality(), latest.municipalityKey(), first.region(), first.region() == null ? null : Applicability.placeKey(first.region()),
                issuedOn, dueOn, authority, position, name, who == null ? "неизвестно" : who.name(), items));
        return new Outcome(stored, List.of());
    }

    /** What the order prints for {@code v}: from the latest failing audit's report, as the act prints that clause. */
    private RemedyOrders.Item item(Violation v) {
        StoredAudit audit = store.find(v.lastFailedBy()).orElseThrow();
        JsonNode report;
        try {
            report = Json.mapper().readTree(audit.report());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored report of " + audit.decisionId() + " does not read", e);
        }
        String citation = null;
        int applicableIndex = -1;
        int index = 0;
        for (JsonNode d : report.path("decrees")) {
            if (!d.path("applicable").asBoolean()) continue;
            if (d.path("id").asText().equals(v.decree())) {
                applicableIndex = index;
                for (JsonNode c : d.path("clauses")) {
                    if (c.path("clause").asText().equals(v.clause())) citation = c.path("citation").asText(null);
                }
            }
            index++;
        }
        Act.Clause printed = null;
        if (applicableIndex >= 0) {
            for (Act.Clause c : Act.of(report).applicable().get(applicableIndex).clauses()) {
                if (c.number().equals(v.clause())) printed = c;
            }
        }
        Decree d = rules.catalog().decree(v.decree()).orElse(null);
        String document = d == null ? "Решение «" + v.decree() + "»" : Fmt.capitalized(d.kind()) + " № " + d.number() + " от " + Fmt.date(d.date());
        StringBuilder facts = new StringBuilder();
        if (printed != null && printed.explanation() != null) facts.append(printed.explanation());
        if (printed != null && !printed.facts().isEmpty()) {
            if (facts.length() > 0) facts.append(' ');
            facts.append("Сведения: ");
            for (int i = 0; i < printed.facts().size(); i++) {
                if (i > 0) facts.append("; ");
                facts.append(printed.facts().get(i).label()).append(" — ").append(printed.facts().get(i).value());
            }
            facts.append('.');
        }
        if (facts.length() == 0) facts.append("Пункт не выполнен.");
        return new RemedyOrders.Item(v.decree(), v.clause(), v.lastFailedBy(), v.foundOn(), v.lastFailedOn(), document,
                citation == null ? "п. " + v.clause() : citation, printed == null ? null : printed.quote(), facts.toString());
    }

    /** The order with id «ГГГГ-N», if {@code who} sees its organization. */
    public Optional<RemedyOrders.Issued> find(String id, Tokens.Principal who) {
        Matcher m = id == null ? null : ID.matcher(id.strip());
        if (m == null || !m.matches()) return Optional.empty();
        return store.remedyOrders().find(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), violations.visibility().filter(who));
    }

    /** The orders {@code who} sees, of one organization (null: any) and one municipality (null: any), latest first. */
    public List<RemedyOrders.Issued> list(String organizationKey, String municipality, Tokens.Principal who) {
        Set<String> keys = municipality == null ? null : ru.edu.auditor.law.catalog.OrganizationKey.municipalityKeys(municipality, rules.catalog());
        return store.remedyOrders().list(organizationKey, keys, violations.visibility().filter(who));
    }

    /** The document of a stored order. */
    public static RemedyOrder document(RemedyOrders.Issued o) {
        String kind = o.organizationKind() == null ? "" : " (" + OrgKinds.label(o.organizationKind()) + ")";
        List<RemedyOrder.Point> points = o.items().stream().map(i -> new RemedyOrder.Point(i.document(), i.clause(), i.citation(), i.quote(),
                i.foundOn(), i.judgedOn(), i.decisionId(), i.facts())).toList();
        return new RemedyOrder(o.number(), o.issuedOn(), o.authority(), o.organizationName() + kind,
                o.municipality() + (o.region() == null ? "" : ", " + o.region()), o.dueOn(), points, o.signerPosition(), o.signerName());
    }

    private static String required(String s, String path, String what, List<FieldProblem> problems) {
        if (s == null || s.isBlank()) {
            problems.add(new FieldProblem(path, "обязательное поле: " + what, "required"));
            return null;
        }
        String v = s.strip();
        // the same checks as every short text the product keeps (one line, visible characters, at most 1000 of them)
        String bad = ExemptionService.reasonProblem(v);
        if (bad != null) {
            problems.add(new FieldProblem(path, bad, "format"));
            return null;
        }
        return v;
    }

    private static LocalDate date(String s, String path, List<FieldProblem> problems) {
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(path, "ожидается дата в виде ГГГГ-ММ-ДД, например 2026-12-25; получено «" + s + "»", "date"));
            return null;
        }
    }

    private static String string(JsonNode node, String name, String path, List<FieldProblem> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            problems.add(new FieldProblem(path, "ожидается строка", "type"));
            return null;
        }
        return v.asText();
    }

    private static void unknown(JsonNode node, String path, Set<String> known, List<FieldProblem> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(new FieldProblem(path + "." + f, "неизвестное поле; допустимы: " + String.join(", ", known.stream().sorted().toList()),
                        "unknown-field"));
            }
        }
    }
}
