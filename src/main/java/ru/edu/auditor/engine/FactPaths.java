package ru.edu.auditor.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Names fact paths in Russian for NO_DATA explanations, using the {@code description} of each field in the
 * facts JSON Schema, so that the schema an auditor reads and the explanations never disagree.
 */
public final class FactPaths {
    public static final String SCHEMA_RESOURCE = "/schema/audit-facts.schema.json";
    private static final JsonNode SCHEMA = load();

    private FactPaths() { }

    public static JsonNode schema() { return SCHEMA; }

    private static JsonNode load() {
        try (InputStream in = FactPaths.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema description of a dotted path like "headcount.teachers" (array items via "teachers[]"), or null. */
    public static String describe(String path) {
        JsonNode node = SCHEMA;
        for (String part : path.split("\\.")) {
            boolean item = part.endsWith("[]");
            String name = item ? part.substring(0, part.length() - 2) : part;
            node = resolve(node);
            JsonNode next = node.path("properties").path(name);
            if (next.isMissingNode()) return null;
            node = resolve(next);
            if (item) node = resolve(node.path("items"));
        }
        JsonNode d = node.path("description");
        return d.isTextual() ? d.asText() : null;
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/$defs/")) {
            return SCHEMA.path("$defs").path(ref.asText().substring("#/$defs/".length()));
        }
        return node;
    }

    /** «Нет сведений: headcount.teachers — педагогические работники …; …». */
    public static String missingExplanation(String... paths) {
        List<String> parts = new ArrayList<>();
        for (String p : paths) {
            String d = describe(p);
            parts.add(d == null ? p : p + " (" + firstSentence(d) + ")");
        }
        return "Нет сведений для проверки: " + String.join("; ", parts) + ".";
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        String first = dot > 0 ? s.substring(0, dot) : s;
        if (first.endsWith(".")) first = first.substring(0, first.length() - 1);
        return Character.toLowerCase(first.charAt(0)) + first.substring(1);
    }
}
