package ru.edu.auditor.facts;

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
        JsonNode described = null;
        for (String part : path.split("\\.")) {
            boolean item = part.endsWith("[]");
            String name = item ? part.substring(0, part.length() - 2) : part;
            JsonNode next = resolve(node).path("properties").path(name);
            if (next.isMissingNode()) return null;
            described = item ? resolve(next).path("items") : next; // a property's own description wins over its $ref's
            node = resolve(described);
        }
        JsonNode d = described.has("description") ? described.path("description") : node.path("description");
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
            parts.add(d == null ? p : p + " (" + lowerFirst(d) + ")");
        }
        return "Нет сведений для проверки: " + String.join("; ", parts) + ".";
    }

    private static String lowerFirst(String s) {
        String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return t.startsWith("«") ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
    }
}
