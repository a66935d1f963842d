package ru.edu.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import ru.edu.auditor.facts.Json;

/**
 * Facts documents of МКОУ «Сергокалинская СОШ №1» audited week by week (Monday audits of the week before), with
 * the week's indicators and no previous-period indicators: what an auditor submits once history is kept.
 */
public final class WeeklySchool {
    public static final String MUNICIPALITY = "Сергокалинский район";

    private WeeklySchool() { }

    /** The audit of the week ending on the Sunday before {@code monday}; {@code students}: students in Sferum that week. */
    public static ObjectNode week(String id, LocalDate monday, int students, int teachersWith3Messages) {
        ObjectNode doc = Json.mapper().createObjectNode();
        ObjectNode org = doc.putObject("organization");
        if (id != null) org.put("id", id);
        org.put("name", "МКОУ «Сергокалинская СОШ №1»").put("kind", "general").put("region", "Республика Дагестан").put("municipality", MUNICIPALITY);
        doc.put("asOf", monday.toString());
        doc.putObject("period").put("from", monday.minusDays(7).toString()).put("to", monday.minusDays(1).toString());
        ObjectNode current = doc.putObject("indicators").putObject("current");
        current.put("periodFrom", monday.minusDays(7).toString()).put("periodTo", monday.minusDays(1).toString())
                .put("studentsInSferum", students).put("teachersInSferum", 38).put("teachersCreatedGroupChats", 20)
                .put("teachersWith3Messages", teachersWith3Messages).put("teachersWith10Messages", 10).put("teachersWith1Call", 5)
                .put("teachersLinkedEjournal", 30).put("studentsLinkedEjournal", 300);
        doc.putObject("headcount").putObject("employees").put("total", 52).put("registered", 52);
        return doc;
    }

    public static ObjectNode employees(ObjectNode doc, int registered) {
        ((ObjectNode) doc.path("headcount").path("employees")).put("registered", registered);
        return doc;
    }

    public static ObjectNode analyses(ObjectNode doc, LocalDate... dates) {
        ArrayNode a = doc.putArray("weeklyAnalyses");
        for (LocalDate d : dates) a.add(d.toString());
        return doc;
    }

    /** The verdict node of one clause in a report. */
    public static JsonNode clause(JsonNode report, String decree, String clause) {
        for (JsonNode d : report.path("decrees")) {
            if (!d.path("id").asText().equals(decree)) continue;
            for (JsonNode c : d.path("clauses")) if (c.path("clause").asText().equals(clause)) return c;
        }
        throw new AssertionError("no clause " + decree + " " + clause + " in " + report);
    }
}
