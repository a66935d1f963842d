package ru.edu.auditor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.facts.FieldProblem;

/**
 * Values no field of the facts can hold, found before the schema sees the document (the schema validator
 * itself fails on some of them — a number like 1e400 in an enum field — and binding names Java classes):
 * <ul>
 * <li>numbers: every number of the facts is a count, a whole number that fits 32 bits; ±1e400, 1e10 or
 *     2147483648 is refused at its own path;</li>
 * <li>text: control characters (NUL, escape sequences of terminals, line breaks — every field is one line)
 *     and the invisible characters that reorder or hide text (bidi overrides and isolates, line and paragraph
 *     separators) are refused in every string; identifiers ({@code organization.id}, {@code teachers[].id})
 *     refuse every invisible format character (zero-width spaces and the like), so two ids that look the same
 *     are the same;</li>
 * <li>length: a string longer than its field's {@code maxLength} in the facts schema (identifiers and order
 *     numbers 200 characters, names and other text 1,000, a link 2,000) is refused before the schema validator sees
 *     it, with its length and the limit.</li>
 * </ul>
 * Each such value is reported once, and replaced by null in the copy the schema validates, so the schema adds
 * nothing more about it.
 */
final class ValueLimits {
    /** A property name the path writes after a dot (compiled once: every property of every document is named). */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);

    /** The largest count a field holds, as the messages print it. */
    private static final String MAX = "2 147 483 647";

    private ValueLimits() { }

    /** The problems found, and the document to validate further (the same node when nothing was found). */
    record Scan(List<FieldProblem> problems, Set<String> paths, JsonNode forSchema) { }

    static Scan scan(JsonNode doc) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        walk(doc, null, problems, paths);
        if (problems.isEmpty()) return new Scan(List.of(), Set.of(), doc);
        JsonNode copy = doc.deepCopy();
        clear(copy, "$", paths);
        return new Scan(problems, paths, copy);
    }

    /**
     * Where a value lies: a property {@code name} or an array {@code index} below {@code parent} (null: the document).
     * The walk visits every value of every document, so the path is written out only for a value that is refused.
     */
    private record At(At parent, String name, int index) {
        @Override public String toString() {
            if (parent == null && name == null) return "$";
            String up = parent == null ? "$" : parent.toString();
            return name != null ? child(up, name) : up + "[" + index + "]";
        }

        /** {@code $.organization.id} or {@code $.teachers[i].id}: an identifier (no invisible character at all). */
        boolean identifier() {
            if (!"id".equals(name) || parent == null) return false;
            if ("organization".equals(parent.name)) return parent.parent == null;
            return parent.name == null && parent.parent != null && "teachers".equals(parent.parent.name) && parent.parent.parent == null;
        }
    }

    private static void walk(JsonNode n, At at, List<FieldProblem> out, Set<String> paths) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), new At(at, e.getKey(), -1), out, paths);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) walk(n.get(i), new At(at, null, i), out, paths);
        } else if (n.isNumber()) {
            String why = number(n);
            if (why != null) {
                String path = pathOf(at);
                out.add(new FieldProblem(path, why, "out-of-range"));
                paths.add(path);
            }
        } else if (n.isTextual()) {
            String s = n.asText();
            String why = text(s, at != null && at.identifier());
            String type = "forbidden-character";
            if (why == null && s.length() > 200) { // no field allows fewer characters: most values stop here, without a path
                why = length(s, pathOf(at));
                type = "maxLength";
            }
            if (why != null) {
                String path = pathOf(at);
                out.add(new FieldProblem(path, why, type));
                paths.add(path);
            }
        }
    }

    private static String pathOf(At at) { return at == null ? "$" : at.toString(); }

    /** Why a number fits no field, or null when it may be a count. */
    private static String number(JsonNode n) {
        if (n.isDouble() || n.isFloat()) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) return "число вне допустимого диапазона: допустимы целые числа от 0 до " + MAX;
        }
        if (n.isInt() || n.isShort()) return null;
        BigDecimal v = n.isBigDecimal() || n.isDouble() || n.isFloat() ? n.decimalValue() : new BigDecimal(n.bigIntegerValue());
        if (v.compareTo(INT_MAX) > 0) return "слишком большое число: допустимо не больше " + MAX;
        if (v.compareTo(INT_MIN) < 0) return "число вне допустимого диапазона: допустимы целые числа от 0 до " + MAX;
        return null; // fits: whether it must be whole and non-negative is the schema's to say
    }

    /** Why a string may not be stored, or null. */
    static String text(String s, boolean identifier) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            String name = null;
            if (Character.getType(c) == Character.CONTROL) {
                name = c == 0 ? "нулевой символ (NUL)" : c == 0x1B ? "символ ESC (управление терминалом)" : c == '\n' || c == '\r' ? "перевод строки"
                        : c == '\t' ? "табуляция" : "управляющий символ";
            } else if (hidden(c)) {
                name = c == 0x2028 || c == 0x2029 ? "разделитель строк Unicode" : "символ управления направлением текста";
            } else if (identifier && Character.getType(c) == Character.FORMAT) {
                name = "невидимый символ";
            }
            if (name != null) {
                return "недопустимый " + name + " " + String.format("U+%04X", c) + " в позиции " + (s.codePointCount(0, i) + 1)
                        + ": в сведениях допустим только видимый текст в одну строку";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** Why a string is too long for the field at {@code path} (its schema {@code maxLength}), or null. */
    static String length(String s, String path) {
        if (s.length() <= 200) return null; // no field allows fewer characters: most values stop here
        Integer max = maxLength(path);
        int n = s.codePointCount(0, s.length());
        if (max == null || n <= max) return null;
        return "слишком длинное значение: " + n + " " + characters(n) + ", допустимо не больше " + max;
    }

    /** «символ», «символа» or «символов», as the number {@code n} takes it. */
    static String characters(long n) {
        long d = n % 10, dd = n % 100;
        if (d == 1 && dd != 11) return "символ";
        if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return "символа";
        return "символов";
    }

    /** The {@code maxLength} the facts schema sets for the field at a path like {@code $.teachers[3].id}, or null. */
    static Integer maxLength(String path) {
        JsonNode node = FactPaths.schema();
        for (String part : path.substring(1).split("(?=[.\\[])")) {
            if (part.isEmpty()) continue;
            node = resolve(node);
            if (part.startsWith("[")) node = node.path("items");
            else node = node.path("properties").path(part.substring(1));
            if (node.isMissingNode()) return null;
        }
        JsonNode max = resolve(node).path("maxLength");
        return max.isInt() ? max.asInt() : null;
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/$defs/")) return FactPaths.schema().path("$defs").path(ref.asText().substring(8));
        return node;
    }

    /** Bidirectional overrides, embeddings, isolates and marks, and the Unicode line and paragraph separators. */
    private static boolean hidden(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029;
    }

    /** The path of a property below {@code parent}, as the schema validator writes it. */
    static String child(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) return parent + "." + name;
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static void clear(JsonNode n, String path, Set<String> paths) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = child(path, e.getKey());
                if (paths.contains(p)) e.setValue(NullNode.getInstance());
                else clear(e.getValue(), p, paths);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String p = path + "[" + i + "]";
                if (paths.contains(p)) a.set(i, NullNode.getInstance());
                else clear(a.get(i), p, paths);
            }
        }
    }
}
