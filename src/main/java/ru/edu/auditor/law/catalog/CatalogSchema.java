package ru.edu.auditor.law.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import ru.edu.auditor.law.RuleProblem;

/**
 * The JSON Schema of a decree catalog ({@code schema/decree-catalog.schema.json}): the shape of every field, so a
 * misspelt key or a parameter without its value is named with file and line before anything reads the catalog.
 */
final class CatalogSchema {
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("classpath:schema/decree-catalog.schema.json"), SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true)
                    .locale(Locale.forLanguageTag("ru")).build());

    private CatalogSchema() { }

    static List<RuleProblem> check(String file, JsonNode doc, YamlLocations at) {
        List<RuleProblem> out = new ArrayList<>();
        Set<String> anyOfSaid = new HashSet<>();
        for (ValidationMessage m : SCHEMA.validate(doc)) {
            String via = String.valueOf(m.getEvaluationPath());
            String pointer = m.getInstanceLocation().toString();
            if (via.contains("/oneOf/")) continue; // the alternatives' own misses: the oneOf message says it once
            if (via.contains("/anyOf/")) { // anyOf reports only its alternatives' misses: say it once
                if (!anyOfSaid.add(pointer + via.substring(0, via.indexOf("/anyOf/")))) continue;
            }
            String text = m.getMessage();
            int colon = text.indexOf(": ");
            if (colon > 0 && text.substring(0, colon).equals(pointer)) text = text.substring(colon + 2);
            if ("required".equals(m.getType())) text = "нет обязательного поля «" + m.getProperty() + "»";
            if ("additionalProperties".equals(m.getType())) text = "неизвестное поле «" + m.getProperty() + "» (опечатка?)";
            if ("oneOf".equals(m.getType()) && pointer.contains("/parameters/")) text = "у параметра должно быть ровно одно из value (значение) и from (пункт, откуда оно берётся)";
            if (via.contains("/deadlineNote/anyOf/")) text = "пояснение срока (deadlineNote) без срока: нужен deadline или deadlineFrom";
            out.add(new RuleProblem(file, at.line(pointer), 0, where(doc, pointer) + text));
        }
        out.sort(Comparator.comparingInt(RuleProblem::line));
        return out;
    }

    /** «п. 2.1, поле parameters.x: » for a node inside a clause; «поле scope.level: » elsewhere; «» at the root. */
    static String where(JsonNode doc, String pointer) {
        String[] parts = pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/");
        if (parts.length >= 2 && parts[0].equals("clauses") && parts[1].matches("\\d+")) {
            JsonNode id = doc.path("clauses").path(Integer.parseInt(parts[1])).path("id");
            String clause = id.isTextual() ? "п. " + id.asText() : "пункт №" + (Integer.parseInt(parts[1]) + 1) + " списка clauses";
            return parts.length == 2 ? clause + ": " : clause + ", поле " + field(parts, 2) + ": ";
        }
        return parts.length == 0 ? "" : "поле " + field(parts, 0) + ": ";
    }

    private static String field(String[] parts, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            String p = parts[i].replace("~1", "/").replace("~0", "~");
            if (p.matches("\\d+")) sb.append('[').append(p).append(']');
            else sb.append(sb.length() == 0 ? "" : ".").append(p);
        }
        return sb.toString();
    }
}
