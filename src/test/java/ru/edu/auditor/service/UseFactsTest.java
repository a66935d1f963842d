package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;

/** Use facts (active in the last 7 days / 12 months): in the schema, described in Russian, checked against registration. */
class UseFactsTest {
    private static List<FieldProblem> validate(String headcount) throws Exception {
        return FactsValidator.validate(Json.mapper().readTree("{\"organization\":{\"name\":\"МКОУ «Мургукская СОШ»\",\"kind\":\"general\","
                + "\"region\":\"Республика Дагестан\",\"municipality\":\"Сергокалинский район\"},\"asOf\":\"2023-11-13\",\"headcount\":" + headcount + "}"));
    }

    @Test
    void useIsReportedPerGroupAndCannotExceedRegistration() throws Exception {
        assertTrue(validate("{\"teachers\":{\"total\":100,\"registered\":97,\"activeLast12Months\":51,\"activeLast7Days\":38}}").isEmpty());
        List<FieldProblem> p = validate("{\"students\":{\"total\":100,\"registered\":50,\"activeLast12Months\":60,\"activeLast7Days\":70}}");
        List<String> paths = p.stream().map(FieldProblem::path).toList();
        assertTrue(paths.contains("$.headcount.students.activeLast12Months"), p.toString());
        assertTrue(paths.contains("$.headcount.students.activeLast7Days"), p.toString());
        assertTrue(p.stream().allMatch(x -> x.message().contains("больше, чем")), p.toString());
    }

    @Test
    void theSchemaDescribesUseInRussian() {
        String d = FactPaths.schema().path("$defs").path("headcount").path("properties").path("activeLast12Months").path("description").asText();
        assertTrue(d.contains("за последние 12 месяцев"), d);
        assertEquals("integer", FactPaths.schema().path("$defs").path("headcount").path("properties").path("activeLast7Days").path("type").asText());
    }
}
