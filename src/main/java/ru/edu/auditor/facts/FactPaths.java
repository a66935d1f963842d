package ru.edu.auditor.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names fact paths in Russian, from the facts JSON Schema — the one place the fields' Russian names are kept: each
 * field's {@code title} (its short label, {@link #label}) and {@code description} (what it means, {@link #describe}).
 * Explanations, «нет сведений» texts, evidence, documents, templates, errors and the CLI name a field by them, never
 * by its path.
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

    /**
     * The Russian label of a field path («headcount.teachers.registered» → «педагогические работники: зарегистрированы в
     * Сферуме», «teachers[3].calls» → «поимённый список педагогов: звонков за неделю»): the schema's titles along the
     * path, the top-level section's dropped when a field within it is named (an array keeps its name: it says whose
     * the field is). Parts the schema does not know (a rule's own sub-field) are left off; null when the first is
     * unknown. First letter lower case, to stand inside a sentence.
     */
    public static String label(String path) {
        if (path == null || path.isBlank()) return null;
        String[] parts = path.strip().replaceFirst("^\\$\\.", "").split("\\.");
        List<String> titles = new ArrayList<>();
        JsonNode node = SCHEMA;
        boolean firstIsArray = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean item = part.contains("[");
            String name = item ? part.substring(0, part.indexOf('[')) : part;
            JsonNode next = resolve(node).path("properties").path(name);
            if (next.isMissingNode()) break;
            JsonNode titled = next.has("title") ? next : resolve(next);
            String t = titled.path("title").asText(null);
            if (t != null) titles.add(t);
            if (i == 0) firstIsArray = "array".equals(resolve(next).path("type").asText());
            node = item ? resolve(next).path("items") : next;
        }
        if (titles.isEmpty()) return null;
        if (titles.size() > 1 && !firstIsArray) titles.remove(0);
        String label = String.join(": ", titles);
        return label.startsWith("«") || label.startsWith("ФГИС") || label.startsWith("ФИО") || label.startsWith("Сферум")
                ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    /** {@link #label} for a path the schema must know; a path it does not is named «поле сведений» (never printed as a path). */
    public static String labelOrGeneric(String path) {
        String l = label(path);
        return l == null ? "поле сведений" : l;
    }

    /**
     * «Нет сведений для проверки: показатели за предыдущий период; показатели за проверяемый период.» — by the fields'
     * labels, never by path (what each field means is its schema description, shown with the form and the templates).
     */
    public static String missingExplanation(String... paths) {
        // fields of one section named once: «показатели за предыдущий период (учеников в Сферуме; учителей, …)»
        Map<String, Set<String>> bySection = new LinkedHashMap<>();
        for (String p : paths) {
            String l = labelOrGeneric(p);
            int colon = l.indexOf(": ");
            String section = colon < 0 ? l : l.substring(0, colon);
            Set<String> fields = bySection.computeIfAbsent(section, k -> new LinkedHashSet<>());
            if (colon >= 0) fields.add(l.substring(colon + 2));
        }
        List<String> parts = new ArrayList<>();
        bySection.forEach((section, fields) -> parts.add(fields.isEmpty() ? section
                : fields.size() == 1 ? section + ": " + fields.iterator().next() : section + " (" + String.join("; ", fields) + ")"));
        return "Нет сведений для проверки: " + String.join("; ", parts) + ".";
    }
}
