package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;

/** Numbers no field can hold: each is a 400 naming its own field, never a 500 and never Java's words. */
class FactsValidatorAbuseTest {
    static final Pattern JAVA = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Za-z]+|Exception|\\(\\)|->|\\[\"|out of range|Numeric value");

    static List<FieldProblem> problems(String json) throws Exception {
        JsonNode doc = Json.mapper().readTree(json);
        List<FieldProblem> found = FactsValidator.validate(doc);
        for (FieldProblem p : found) assertFalse(JAVA.matcher(p.message()).find(), "Java internals in: " + p);
        return found;
    }

    static void assertOnly(String path, List<FieldProblem> found) {
        assertFalse(found.isEmpty(), "no problem reported");
        assertTrue(found.stream().anyMatch(p -> p.path().equals(path)), path + " not named: " + found);
        assertTrue(found.stream().allMatch(p -> p.path().equals(path)), "only " + path + " is wrong: " + found);
    }

    @Test
    void infiniteNumbersInEnumFields() throws Exception {
        for (String n : List.of("1e400", "-1e400", "1E+999")) {
            assertOnly("$.organization.kind", problems("{\"organization\":{\"name\":\"x\",\"kind\":" + n + ",\"municipality\":\"y\"},\"asOf\":\"2023-11-01\"}"));
            assertOnly("$.asOf", problems("{\"organization\":{\"name\":\"x\",\"kind\":\"general\",\"municipality\":\"y\"},\"asOf\":" + n + "}"));
        }
    }

    @Test
    void integersBeyondTheirFieldsRange() throws Exception {
        String org = "{\"organization\":{\"name\":\"x\",\"kind\":\"general\",\"municipality\":\"y\"},\"asOf\":\"2023-11-01\",";
        for (String n : List.of("2147483648", "99999999999999999999999", "1e10", "1e400", "-2147483649")) {
            List<FieldProblem> found = problems(org + "\"headcount\":{\"teachers\":{\"total\":" + n + ",\"registered\":1}}}");
            assertOnly("$.headcount.teachers.total", found);
            if (!n.startsWith("-")) assertTrue(found.get(0).message().contains("2 147 483 647"), found.toString());
        }
        assertOnly("$.teachers[0].id", problems(org + "\"teachers\":[{\"id\":1e400,\"name\":\"А\"}]}"));
    }

    @Test
    void aFieldThatFitsIsStillAccepted() throws Exception {
        String org = "{\"organization\":{\"name\":\"x\",\"kind\":\"general\",\"municipality\":\"y\"},\"asOf\":\"2023-11-01\",";
        assertEquals(List.of(), problems(org + "\"headcount\":{\"teachers\":{\"total\":2147483647,\"registered\":1}}}"));
    }

    @Test
    void aWrongTypeIsNamedInRussian() throws Exception {
        String org = "{\"organization\":{\"name\":\"x\",\"kind\":\"general\",\"municipality\":\"y\"},\"asOf\":\"2023-11-01\",";
        List<FieldProblem> found = problems(org + "\"headcount\":{\"teachers\":{\"total\":\"десять\",\"registered\":1}}}");
        assertOnly("$.headcount.teachers.total", found);
        String message = found.get(0).message();
        assertTrue(message.contains("текст") && message.contains("целое число"), message);
        assertFalse(Pattern.compile("\\b(string|integer)\\b").matcher(message).find(), message);
    }
}
