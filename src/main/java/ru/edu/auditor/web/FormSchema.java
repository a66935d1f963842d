package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.text.Fmt;

/**
 * The audit form, generated from the facts JSON Schema: its sections, the fields with labels and hints taken from
 * the schema's Russian descriptions, and the tables for lists of objects (teachers, programs, persons, reports).
 * Input names are the fields' JSON paths without {@code $.} ({@code headcount.teachers.total},
 * {@code teachers[3].calls}), so a problem+json path names its input. An empty input is «не представлено»: it is
 * left out of the document, never read as zero.
 */
final class FormSchema {
    static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern OPTION = Pattern.compile("([A-Za-z]+) — ([^,;]+?)(?=,\\s*[A-Za-z]+ — |[;.]|$)");

    /** Sections named as the decrees name things; each takes these top-level schema properties, in this order. */
    private static final Map<String, List<String>> SECTIONS = sectionNames();

    private static Map<String, List<String>> sectionNames() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Организация", List.of("organization", "asOf", "period"));
        m.put("Численность и регистрация в «Сферуме»", List.of("sferum", "headcount"));
        m.put("«Моя школа»", List.of("mySchool"));
        m.put("Еженедельные показатели", List.of("indicators"));
        m.put("Педагоги", List.of("teachers"));
        m.put("Мессенджеры и чаты", List.of("communication"));
        m.put("Ответственные", List.of("responsiblePersons", "leadership"));
        m.put("Локальный акт", List.of("localAct"));
        m.put("Анализы и отчёты", List.of("weeklyAnalyses", "monthlyReports"));
        m.put("Орган управления", List.of("authority"));
        return m;
    }

    record Option(String value, String label) { }

    /**
     * One input. {@code type}: text, integer, date, boolean, enum, enumList (several of the options), dateList (one date a
     * line). {@code name}: full input name, or a table column's name relative to its row.
     */
    record Field(String name, String label, String hint, String type, List<Option> options, boolean required) {
        String id() { return idOf(name); }

        /** The HTML id of the input named {@code name}. */
        static String idOf(String name) { return "f-" + name.replaceAll("[^A-Za-z0-9]", "-"); }
    }

    /** Fields of one object (a fieldset); legend null for loose top-level fields. */
    record Group(String legend, String hint, List<Field> fields) { }

    /** A list of objects shown as a table with one row each. */
    record Table(String name, String legend, String hint, List<Field> columns) { }

    /** A part of a section: a group or a table. */
    record Part(Group group, Table table) { }

    record Section(String id, String title, List<Part> parts) { }

    private final JsonNode schema;
    private final List<Section> sections = new ArrayList<>();
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    /** The legend of the group each field is shown in (for the error summary: «Педагогические работники: Всего человек в группе»). */
    private final Map<String, String> legends = new LinkedHashMap<>();

    private FormSchema(JsonNode schema) {
        this.schema = schema;
        Set<String> left = new LinkedHashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(left::add);
        int n = 0;
        for (Map.Entry<String, List<String>> s : SECTIONS.entrySet()) {
            List<Part> parts = new ArrayList<>();
            for (String top : s.getValue()) if (left.remove(top)) parts.addAll(parts(top));
            if (!parts.isEmpty()) sections.add(new Section("s" + (++n), s.getKey(), parts));
        }
        // a property the schema gained and no section names still gets its place: the form cannot lose it
        List<Part> rest = new ArrayList<>();
        for (String top : left) rest.addAll(parts(top));
        if (!rest.isEmpty()) sections.add(new Section("s" + (++n), "Прочие сведения", rest));
    }

    private static final FormSchema CURRENT = new FormSchema(FactPaths.schema());

    static FormSchema current() { return CURRENT; }

    List<Section> sections() { return sections; }

    Map<String, Field> fields() { return fields; }

    Map<String, Table> tables() { return tables; }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/$defs/")) return schema.path("$defs").path(ref.asText().substring(8));
        return node;
    }

    private static String description(JsonNode declared, JsonNode resolved) {
        JsonNode d = declared.has("description") ? declared.path("description") : resolved.path("description");
        return d.isTextual() ? d.asText() : "";
    }

    private static String type(JsonNode node) {
        JsonNode t = node.path("type");
        if (t.isArray()) {
            for (JsonNode x : t) if (!"null".equals(x.asText())) return x.asText();
        }
        return t.asText("");
    }

    private List<Part> parts(String top) {
        JsonNode declared = schema.path("properties").path(top);
        JsonNode node = resolve(declared);
        Set<String> required = required(schema);
        List<Part> out = new ArrayList<>();
        String t = type(node);
        if ("object".equals(t)) {
            objectGroups(top, description(declared, node), node, required.contains(top), out);
        } else if ("array".equals(t) && "object".equals(type(resolve(node.path("items"))))) {
            out.add(new Part(null, table(top, declared, node)));
        } else {
            Field f = leaf(top, declared, node, required.contains(top), "");
            fields.put(f.name(), f);
            out.add(new Part(new Group(null, null, List.of(f)), null));
        }
        return out;
    }

    private static Set<String> required(JsonNode node) {
        Set<String> r = new LinkedHashSet<>();
        node.path("required").forEach(x -> r.add(x.asText()));
        return r;
    }

    /** An object: one group of its leaf fields, then a group per nested object, tables for its lists of objects. */
    private void objectGroups(String path, String legend, JsonNode node, boolean required, List<Part> out) {
        List<Field> leaves = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        Set<String> req = required(node);
        Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = path + "." + e.getKey();
            JsonNode declared = e.getValue();
            JsonNode child = resolve(declared);
            String t = type(child);
            if ("object".equals(t)) {
                String sub = description(declared, child);
                after.add(() -> objectGroups(name, shortLabel(legend) + " — " + shortLabel(sub), child, false, out));
            } else if ("array".equals(t) && "object".equals(type(resolve(child.path("items"))))) {
                after.add(() -> out.add(new Part(null, table(name, declared, child))));
            } else {
                Field f = leaf(name, declared, child, required && req.contains(e.getKey()), legend);
                fields.put(f.name(), f);
                leaves.add(f);
            }
        }
        if (!leaves.isEmpty()) out.add(new Part(new Group(shortLabel(legend), rest(legend), leaves), null));
        for (Field f : leaves) legends.put(f.name(), shortLabel(legend));
        after.forEach(Runnable::run);
    }

    private Table table(String name, JsonNode declared, JsonNode node) {
        JsonNode items = resolve(node.path("items"));
        List<Field> columns = new ArrayList<>();
        columns(items, "", required(items), columns, description(declared, node));
        Table t = new Table(name, shortLabel(description(declared, node)), rest(description(declared, node)), columns);
        tables.put(name, t);
        return t;
    }

    private void columns(JsonNode object, String prefix, Set<String> req, List<Field> out, String parentDescription) {
        Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode declared = e.getValue();
            JsonNode child = resolve(declared);
            String name = prefix + e.getKey();
            if ("object".equals(type(child))) {
                String sub = shortLabel(description(declared, child));
                List<Field> nested = new ArrayList<>();
                columns(child, name + ".", Set.of(), nested, "");
                for (Field f : nested) out.add(new Field(f.name(), sub + ": " + lowerFirst(f.label()), f.hint(), f.type(), f.options(), false));
            } else {
                out.add(leaf(name, declared, child, req.contains(e.getKey()), parentDescription));
            }
        }
    }

    private Field leaf(String name, JsonNode declared, JsonNode node, boolean required, String parentDescription) {
        String desc = description(declared, node);
        String t = type(node);
        String format = node.path("format").asText("");
        List<Option> options = List.of();
        String kind;
        if ("array".equals(t)) {
            JsonNode items = resolve(node.path("items"));
            if (items.has("enum")) {
                kind = "enumList";
                options = options(items, desc);
            } else if ("date".equals(items.path("format").asText(""))) {
                kind = "dateList";
            } else {
                kind = "textList";
            }
        } else if (node.has("enum")) {
            kind = "enum";
            options = options(node, desc);
        } else if ("integer".equals(t) || "number".equals(t)) {
            kind = "integer";
        } else if ("boolean".equals(t)) {
            kind = "boolean";
        } else if ("date".equals(format)) {
            kind = "date";
        } else {
            kind = "text";
        }
        String label = shortLabel(desc);
        String hint = rest(desc);
        if (!options.isEmpty()) hint = ""; // the options carry the explanation
        if (kind.equals("date")) hint = hint.isEmpty() ? "ДД.ММ.ГГГГ" : hint + " Формат ДД.ММ.ГГГГ.";
        if (kind.equals("dateList")) hint = (hint.isEmpty() ? "" : hint + " ") + "Одна дата ДД.ММ.ГГГГ в строке.";
        if (label.isEmpty()) label = name;
        return new Field(name, label, hint, kind, options, required);
    }

    /** The enumeration's values with the Russian names the description gives them («general — общеобразовательная»). */
    private static List<Option> options(JsonNode node, String description) {
        Map<String, String> named = new LinkedHashMap<>();
        Matcher m = OPTION.matcher(description);
        while (m.find()) named.putIfAbsent(m.group(1), m.group(2).strip());
        List<Option> out = new ArrayList<>();
        for (JsonNode v : node.path("enum")) {
            if (v.isNull()) continue;
            String value = v.asText();
            out.add(new Option(value, named.getOrDefault(value, value)));
        }
        return out;
    }

    /** The description's first sentence or its part before a colon. */
    static String shortLabel(String desc) {
        if (desc == null) return "";
        String d = desc.strip();
        int colon = d.indexOf(": ");
        int stop = d.indexOf(". ");
        int paren = d.indexOf(" (");
        int cut = d.length();
        if (colon > 0) cut = Math.min(cut, colon);
        if (stop > 0) cut = Math.min(cut, stop);
        if (paren > 8 && !d.startsWith("«")) cut = Math.min(cut, paren);
        String s = d.substring(0, cut).strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** What the description says after its short label. */
    static String rest(String desc) {
        if (desc == null) return "";
        String d = desc.strip();
        String label = shortLabel(d);
        String r = d.length() > label.length() ? d.substring(label.length()).strip() : "";
        if (r.startsWith(":") || r.startsWith(".")) r = r.substring(1).strip();
        r = r.replace("(ГГГГ-ММ-ДД)", "").replace("ГГГГ-ММ-ДД", "ДД.ММ.ГГГГ").strip();
        if (r.startsWith("(") && r.indexOf(')') > 0) r = (r.substring(1, r.indexOf(')')) + r.substring(r.indexOf(')') + 1)).strip();
        if (r.equals(".")) r = "";
        return Fmt.capitalized(r);
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || s.startsWith("«") || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------------------------------- inputs

    /** A table cell's input name: {@code teachers[3].calls}. */
    static final Pattern ROW = Pattern.compile("^([A-Za-z.]+)\\[(\\d{1,9})]\\.(.+)$");

    Field column(String table, String column) {
        Table t = tables.get(table);
        if (t == null) return null;
        for (Field c : t.columns()) if (c.name().equals(column)) return c;
        return null;
    }


    /** ДД.ММ.ГГГГ (also Д.М.ГГГГ) or ГГГГ-ММ-ДД; null when neither. */
    static LocalDate date(String s) {
        try {
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(s);
            Matcher m = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})").matcher(s);
            if (m.matches()) return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------- errors

    /**
     * The input a problem+json path names: the field itself, a table cell, a list's input for one of its items,
     * else the nearest enclosing field or table; null when the path names none (the document as a whole).
     */
    String inputFor(String path) {
        String p = path == null ? "" : path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "" : path;
        while (!p.isEmpty()) {
            if (fields.containsKey(p)) return p;
            Matcher m = ROW.matcher(p);
            if (m.matches() && column(m.group(1), m.group(3)) != null) return p;
            if (tables.containsKey(p)) return p;
            String stripped = p.replaceFirst("\\[\\d+]$", "");
            if (!stripped.equals(p)) {
                p = stripped;
                continue;
            }
            // a missing object («organization» required): its first field
            for (Field f : fields.values()) if (f.name().startsWith(p + ".") && f.required()) return f.name();
            for (String name : fields.keySet()) if (name.startsWith(p + ".")) return name;
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        return null;
    }

    /** The label of an input name, for the error summary. */
    String labelOf(String input) {
        if (fields.containsKey(input)) {
            String legend = legends.get(input);
            return (legend == null || legend.isEmpty() ? "" : legend + ": ") + fields.get(input).label();
        }
        Matcher m = ROW.matcher(input);
        if (m.matches()) {
            Field c = column(m.group(1), m.group(3));
            Table t = tables.get(m.group(1));
            if (c != null) return t.legend() + ", строка " + (Integer.parseInt(m.group(2)) + 1) + ": " + c.label();
        }
        if (tables.containsKey(input)) return tables.get(input).legend();
        return input;
    }
}
