package ru.edu.auditor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.RosterCounts;
import ru.edu.auditor.text.LogText;

/**
 * Validates a facts document: first against the JSON Schema served at /api/v1/schema, then the rules a
 * schema cannot state (a count above its total, a roster that disagrees with the aggregate counts, dates
 * after {@code asOf}). Returns every problem found, each with its JSON path; empty means valid.
 */
public final class FactsValidator {
    private static final Logger log = LoggerFactory.getLogger(FactsValidator.class);
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(FactPaths.schema(), SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_PATH).formatAssertionsEnabled(true)
                    .locale(Locale.forLanguageTag("ru")).build());

    private FactsValidator() { }

    /** Every problem of {@code doc}; empty means valid. */
    public static List<FieldProblem> validate(JsonNode doc) { return check(doc).problems(); }

    /** A checked document: the facts bound from it when valid (bound once, here), else null and every problem. */
    public record Checked(AuditFacts facts, List<FieldProblem> problems) {
        public boolean valid() { return problems.isEmpty(); }
    }

    public static Checked check(JsonNode doc) {
        ValueLimits.Scan scan = ValueLimits.scan(doc);
        List<FieldProblem> problems = new ArrayList<>(scan.problems());
        for (ValidationMessage m : SCHEMA.validate(scan.forSchema())) {
            FieldProblem p = fromSchema(m);
            if (!scan.paths().contains(p.path())) problems.add(p); // a value refused above is reported once
        }
        AuditFacts facts = null;
        if (problems.isEmpty()) {
            try {
                facts = Json.mapper().treeToValue(doc, AuditFacts.class);
                semantic(facts, doc, problems);
            } catch (JsonProcessingException e) { // the checks above admit nothing that cannot bind; a guard, never a 500
                String path = e instanceof JsonMappingException mapping ? pathOf(mapping) : "$";
                log.error("A document that passed validation does not bind at {}", LogText.quote(path), e);
                problems.add(new FieldProblem(path, "значение не подходит для этого поля (см. GET /api/v1/schema)", "binding"));
            }
        }
        problems.sort(Comparator.comparing(FieldProblem::path));
        return new Checked(problems.isEmpty() ? facts : null, List.copyOf(problems));
    }

    /** The JSON path of the field a binding failure is about, like {@code $.headcount.teachers.total}. */
    static String pathOf(JsonMappingException e) {
        String path = "$";
        for (JsonMappingException.Reference r : e.getPath()) {
            path = r.getFieldName() != null ? ValueLimits.child(path, r.getFieldName()) : path + "[" + r.getIndex() + "]";
        }
        return path;
    }

    private static FieldProblem fromSchema(ValidationMessage m) {
        String path = m.getInstanceLocation().toString();
        if (m.getProperty() != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
            path = path + "." + m.getProperty();
        }
        String text = m.getMessage();
        String prefix = m.getInstanceLocation().toString() + ": ";
        if (text.startsWith(prefix)) text = text.substring(prefix.length());
        if ("required".equals(m.getType())) text = "обязательное поле отсутствует";
        if ("additionalProperties".equals(m.getType())) text = "неизвестное поле (опечатка?) — допустимые поля см. GET /api/v1/schema";
        if ("type".equals(m.getType())) text = russianTypeNames(text);
        return new FieldProblem(path, text, m.getType());
    }

    private static final Pattern JSON_TYPE = Pattern.compile("\\b(string|integer|number|boolean|object|array|null)\\b");

    /** The validator's Russian bundle still names JSON types in English («найдено string, ожидается integer»). */
    static String russianTypeNames(String text) {
        return JSON_TYPE.matcher(text).replaceAll(r -> switch (r.group(1)) {
            case "string" -> "текст";
            case "integer" -> "целое число";
            case "number" -> "число";
            case "boolean" -> "да/нет (true или false)";
            case "object" -> "объект";
            case "array" -> "список";
            default -> "пустое значение (null)";
        });
    }

    private static void semantic(AuditFacts f, JsonNode doc, List<FieldProblem> out) {
        LocalDate asOf = f.getAsOf();
        JsonNode hc = doc.path("headcount");
        for (String g : List.of("employees", "teachers", "students", "parents")) {
            JsonNode n = hc.path(g);
            if (n.isObject() && n.path("registered").asInt() > n.path("total").asInt()) {
                out.add(new FieldProblem("$.headcount." + g + ".registered", "зарегистрировано (" + n.path("registered").asInt()
                        + ") больше, чем всего (" + n.path("total").asInt() + ")", "count-above-total"));
            }
        }
        for (String g : List.of("employees", "teachers", "students", "parents")) { // use needs registration; 7 days lie within 12 months
            notAbove(doc, "$.headcount." + g + ".activeLast12Months", "$.headcount." + g + ".registered", out);
            notAbove(doc, "$.headcount." + g + ".activeLast7Days", "$.headcount." + g + ".registered", out);
            notAbove(doc, "$.headcount." + g + ".activeLast7Days", "$.headcount." + g + ".activeLast12Months", out);
        }
        notAbove(doc, "$.leadership.joinedAuthorityChats", "$.leadership.total", out);
        notAbove(doc, "$.authority.organizationsOnSferum", "$.authority.organizationsTotal", out);
        notAbove(doc, "$.authority.headsAcquainted", "$.authority.headsTotal", out);
        notAbove(doc, "$.authority.staffAcquainted", "$.authority.staffTotal", out);
        notAbove(doc, "$.mySchool.activeTeachers", "$.headcount.teachers.total", out);
        notAbove(doc, "$.mySchool.activeStudents", "$.headcount.students.total", out);
        for (String k : List.of("teachersInSferum", "teachersCreatedGroupChats", "teachersWith3Messages", "teachersWith10Messages",
                "teachersWith1Call", "teachersLinkedEjournal", "mySchoolActiveTeachers")) {
            notAbove(doc, "$.indicators.current." + k, "$.headcount.teachers.total", out);
        }
        for (String k : List.of("studentsInSferum", "studentsLinkedEjournal", "mySchoolActiveStudents")) {
            notAbove(doc, "$.indicators.current." + k, "$.headcount.students.total", out);
        }
        notAbove(doc, "$.indicators.current.teachersWith10Messages", "$.indicators.current.teachersWith3Messages", out);
        notAbove(doc, "$.indicators.previous.teachersWith10Messages", "$.indicators.previous.teachersWith3Messages", out);

        if (f.getPeriod() != null) {
            if (f.getPeriod().getFrom().isAfter(f.getPeriod().getTo())) out.add(new FieldProblem("$.period.from", "начало периода позже его конца", "period-order"));
            if (f.getPeriod().getTo().isAfter(asOf)) out.add(new FieldProblem("$.period.to", "конец периода позже даты проверки asOf", "after-asOf"));
        }
        for (String p : List.of("indicators.current", "indicators.previous")) {
            JsonNode n = at(doc, "$." + p);
            if (n.has("periodFrom") && n.has("periodTo") && n.get("periodFrom").asText().compareTo(n.get("periodTo").asText()) > 0) {
                out.add(new FieldProblem("$." + p + ".periodFrom", "начало периода позже его конца", "period-order"));
            }
            notAfterAsOf(doc, "$." + p + ".periodFrom", asOf, out);
            notAfterAsOf(doc, "$." + p + ".periodTo", asOf, out);
        }
        notAfterAsOf(doc, "$.sferum.structureFormedOn", asOf, out);
        notAfterAsOf(doc, "$.localAct.approvedOn", asOf, out);
        notAfterAsOf(doc, "$.authority.chatsForHeadsCreatedOn", asOf, out);
        notAfterAsOf(doc, "$.authority.monitoringLastOn", asOf, out);
        notAfterAsOf(doc, "$.authority.teacherUsageControlLastOn", asOf, out);
        for (int i = 0; i < doc.path("weeklyAnalyses").size(); i++) notAfterAsOf(doc, "$.weeklyAnalyses[" + i + "]", asOf, out);
        for (int i = 0; i < doc.path("monthlyReports").size(); i++) notAfterAsOf(doc, "$.monthlyReports[" + i + "].sentOn", asOf, out);
        for (int i = 0; i < doc.path("responsiblePersons").size(); i++) {
            notAfterAsOf(doc, "$.responsiblePersons[" + i + "].appointedBy.date", asOf, out);
            notAfterAsOf(doc, "$.responsiblePersons[" + i + "].orderCopySentOn", asOf, out);
        }
        roster(f, doc, out);
    }

    /** A roster given together with aggregate counts must agree with them. */
    private static void roster(AuditFacts f, JsonNode doc, List<FieldProblem> out) {
        JsonNode teachers = doc.path("teachers");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < teachers.size(); i++) {
            String id = teachers.get(i).path("id").asText();
            if (!ids.add(id)) out.add(new FieldProblem("$.teachers[" + i + "].id", "идентификатор «" + id + "» повторяется в списке", "duplicate-id"));
            notAfterAsOf(doc, "$.teachers[" + i + "].mySchoolLastSignIn", f.getAsOf(), out);
        }
        if (teachers.isEmpty()) return;
        Map<String, Integer> derived = RosterCounts.derive(f.getTeachers(), f.getAsOf());
        agree(doc, "$.headcount.teachers.total", derived.get("teachersTotal"), out);
        agree(doc, "$.headcount.teachers.registered", derived.get("teachersRegistered"), out);
        agree(doc, "$.mySchool.activeTeachers", derived.get("mySchoolActiveTeachers"), out);
        for (String k : List.of("teachersInSferum", "teachersCreatedGroupChats", "teachersWith3Messages", "teachersWith10Messages",
                "teachersWith1Call", "teachersLinkedEjournal")) {
            agree(doc, "$.indicators.current." + k, derived.get(k), out);
        }
    }

    private static void agree(JsonNode doc, String path, Integer derived, List<FieldProblem> out) {
        JsonNode n = at(doc, path);
        if (derived != null && n.isInt() && n.asInt() != derived) {
            out.add(new FieldProblem(path, "не совпадает с поимённым списком teachers: указано " + n.asInt() + ", по списку " + derived, "roster-mismatch"));
        }
    }

    private static void notAbove(JsonNode doc, String path, String limitPath, List<FieldProblem> out) {
        JsonNode v = at(doc, path);
        JsonNode limit = at(doc, limitPath);
        if (v.isInt() && limit.isInt() && v.asInt() > limit.asInt()) {
            out.add(new FieldProblem(path, "значение " + v.asInt() + " больше, чем " + limitPath + " (" + limit.asInt() + ")", "count-above-total"));
        }
    }

    private static void notAfterAsOf(JsonNode doc, String path, LocalDate asOf, List<FieldProblem> out) {
        JsonNode v = at(doc, path);
        // the schema has already checked every date is a full ISO date (YYYY-MM-DD), so text order is date order
        if (v.isTextual() && v.asText().compareTo(asOf.toString()) > 0) {
            out.add(new FieldProblem(path, "дата " + v.asText() + " позже даты проверки asOf (" + asOf + ")", "after-asOf"));
        }
    }

    /** The node at a simple JSON path like "$.a.b[2].c", or a missing node. */
    static JsonNode at(JsonNode doc, String path) {
        JsonNode n = doc;
        for (String part : path.substring(2).split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                n = n.path(part.substring(0, bracket)).path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            } else {
                n = n.path(part);
            }
        }
        return n;
    }
}
