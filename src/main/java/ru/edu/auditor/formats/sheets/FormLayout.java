package ru.edu.auditor.formats.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.facts.FactPaths;

/**
 * The sheets of the organization form and of the district form, derived from the facts JSON Schema: every
 * field of the schema is a form line or a table column, its label and comment come from the field's Russian
 * {@code description}, its type and enumeration from the schema. Only the grouping of top-level fields into
 * named sheets is written here ({@link #PLACEMENT}); a top-level field the placement does not name still gets a
 * place (objects and values on «Организация», lists on a sheet of their own), so the forms cannot drift from the
 * schema.
 */
public final class FormLayout {
    /** Sheet of the district form. */
    public static final String DISTRICT_SHEET = "Организации";
    static final String MAIN_SHEET = "Организация";
    private static final String GENERAL_SECTION = "Общие сведения";
    private static final Pattern MONTH_PATTERN = Pattern.compile(Pattern.quote("^[0-9]{4}-(0[1-9]|1[0-2])$"));

    /** Sheet → the top-level fields (dotted, for lists inside an object) it holds, in order. */
    private static final Map<String, List<String>> PLACEMENT = placement();

    private static final FormLayout SCHEMA_LAYOUT = new FormLayout(FactPaths.schema());

    private final JsonNode schema;
    private final List<SheetSpec> organization;
    private final SheetSpec.Rows district;

    FormLayout(JsonNode schema) {
        this.schema = schema;
        this.organization = buildOrganization();
        this.district = buildDistrict();
    }

    /** The layout of the schema this build serves at GET /api/v1/schema. */
    public static FormLayout current() { return SCHEMA_LAYOUT; }

    /** The sheets of «Форма сведений» for one organization, in workbook order. */
    public List<SheetSpec> organization() { return organization; }

    /** The one sheet of the district form: a row per organization, the aggregate facts (no roster). */
    public SheetSpec.Rows district() { return district; }

    public String title() { return schema.path("title").asText("Сведения об организации"); }

    private static Map<String, List<String>> placement() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(MAIN_SHEET, List.of("asOf", "organization", "period", "sferum", "leadership", "localAct"));
        m.put("Численность", List.of("headcount"));
        m.put("«Моя школа»", List.of("mySchool"));
        m.put("Показатели", List.of("indicators"));
        m.put("Педагоги", List.of("teachers"));
        m.put("Мессенджеры", List.of("communication.messengersInUse"));
        m.put("Чаты", List.of("communication.officialChats"));
        m.put("Ответственные", List.of("responsiblePersons"));
        m.put("Отчёты", List.of("monthlyReports"));
        m.put("Еженедельный анализ", List.of("weeklyAnalyses"));
        m.put("Орган управления", List.of("authority"));
        return m;
    }

    // ---------------------------------------------------------------- organization form

    private List<SheetSpec> buildOrganization() {
        Set<String> placed = new HashSet<>();
        PLACEMENT.values().forEach(l -> l.forEach(p -> placed.add(p.split("\\.")[0])));
        List<String> extraForm = new ArrayList<>();
        List<String> extraLists = new ArrayList<>();
        for (Iterator<String> it = props(schema).fieldNames(); it.hasNext(); ) {
            String p = it.next();
            if (placed.contains(p)) continue;
            if ("array".equals(resolve(props(schema).get(p)).path("type").asText())) extraLists.add(p);
            else extraForm.add(p);
        }
        List<SheetSpec> sheets = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : PLACEMENT.entrySet()) {
            List<String> fields = new ArrayList<>(e.getValue());
            if (e.getKey().equals(MAIN_SHEET)) fields.addAll(extraForm);
            List<String> present = fields.stream().filter(f -> !at(f).isMissingNode()).toList();
            if (present.isEmpty()) continue;
            JsonNode first = resolve(at(present.get(0)));
            if (present.size() == 1 && "array".equals(first.path("type").asText())) {
                sheets.add(table(e.getKey(), present.get(0)));
            } else {
                sheets.add(form(e.getKey(), present));
            }
        }
        for (String p : extraLists) sheets.add(table(sheetName(label(props(schema).get(p), p)), p));
        return List.copyOf(sheets);
    }

    private SheetSpec.Form form(String name, List<String> fields) {
        List<SheetSpec.Line> lines = new ArrayList<>();
        List<SheetSpec.Line> general = new ArrayList<>();
        for (String f : fields) {
            JsonNode node = at(f);
            List<String> keys = List.of(f.split("\\."));
            if ("object".equals(resolve(node).path("type").asText())) {
                objectLines(keys, node, lines);
            } else {
                general.add(new SheetSpec.Line(null, slot(keys, node, null)));
            }
        }
        if (!general.isEmpty()) {
            List<SheetSpec.Line> withGeneral = new ArrayList<>();
            withGeneral.add(new SheetSpec.Line(GENERAL_SECTION, null));
            general.forEach(l -> withGeneral.add(new SheetSpec.Line(null, withSection(l.slot(), GENERAL_SECTION))));
            withGeneral.addAll(lines);
            lines = withGeneral;
        }
        return new SheetSpec.Form(name, title() + " — " + name, List.copyOf(lines));
    }

    /** A section line for the object, its values, then its nested objects as sections of their own. */
    private void objectLines(List<String> keys, JsonNode node, List<SheetSpec.Line> out) {
        String section = label(node, keys.get(keys.size() - 1));
        List<SheetSpec.Line> values = new ArrayList<>();
        List<List<String>> nested = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props(node).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> k = append(keys, e.getKey());
            JsonNode child = resolve(e.getValue());
            String type = child.path("type").asText();
            if ("object".equals(type)) nested.add(k);
            else if ("array".equals(type)) throw new IllegalStateException("a list inside a form section needs a sheet of its own: " + k);
            else values.add(new SheetSpec.Line(null, slot(k, e.getValue(), section)));
        }
        if (!values.isEmpty()) {
            out.add(new SheetSpec.Line(section, null));
            out.addAll(values);
        }
        for (List<String> k : nested) objectLines(k, props(node).get(k.get(k.size() - 1)), out);
    }

    private SheetSpec.Table table(String name, String dotted) {
        JsonNode array = at(dotted);
        JsonNode item = resolve(resolve(array).path("items"));
        List<Slot> columns = new ArrayList<>();
        String listLabel = label(array, dotted);
        if ("object".equals(item.path("type").asText())) itemColumns(List.of(), item, null, columns);
        else columns.add(slot(List.of(), mergeDescription(item, array), null));
        return new SheetSpec.Table(name, title() + " — " + name, List.of(dotted.split("\\.")),
                describe(array), List.copyOf(columns));
    }

    private void itemColumns(List<String> keys, JsonNode object, String prefix, List<Slot> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props(object).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> k = append(keys, e.getKey());
            JsonNode child = resolve(e.getValue());
            String own = label(e.getValue(), e.getKey());
            String label = prefix == null ? own : prefix + ": " + lowerFirst(own);
            switch (child.path("type").asText()) {
                case "object" -> itemColumns(k, child, label, out);
                case "array" -> {
                    JsonNode items = resolve(child.path("items"));
                    if (!items.has("enum")) throw new IllegalStateException("unsupported list inside a list item: " + k);
                    for (Slot.Choice c : choices(items, e.getValue())) {
                        out.add(new Slot(k, label + ": " + c.label(), describe(e.getValue()), Slot.Type.FLAG, List.of(), c.code(), null, prefix, null));
                    }
                }
                default -> {
                    Slot s = slot(k, e.getValue(), prefix);
                    out.add(new Slot(s.keys(), label, s.description(), s.type(), s.choices(), null, s.minimum(), prefix, null));
                }
            }
        }
    }

    // ---------------------------------------------------------------- district form

    private SheetSpec.Rows buildDistrict() {
        List<Slot> columns = new ArrayList<>();
        for (SheetSpec s : organization) {
            if (s instanceof SheetSpec.Form f) {
                for (SheetSpec.Line l : f.lines()) if (l.slot() != null) columns.add(l.slot());
            } else if (s instanceof SheetSpec.Table t) {
                Slot list = listColumn(t);
                if (list != null) columns.add(list);
            }
        }
        return new SheetSpec.Rows(DISTRICT_SHEET, title() + " — район: одна строка на организацию", List.copyOf(columns));
    }

    /**
     * A list whose items fit one cell (dates; a name with a choice; a name with a count) becomes one column of
     * the district form; other lists (the teacher roster, the appointed persons, the reports) stay in the
     * organization form.
     */
    private Slot listColumn(SheetSpec.Table t) {
        JsonNode array = at(String.join(".", t.listKeys()));
        String label = label(array, t.name());
        String group = t.name();
        List<Slot> c = t.columns();
        if (c.size() == 1 && c.get(0).keys().isEmpty() && c.get(0).type() == Slot.Type.DATE) {
            return new Slot(t.listKeys(), label, describe(array), Slot.Type.DATE_LIST, List.of(), null, null, group, c);
        }
        if (c.size() == 2 && c.get(0).type() == Slot.Type.TEXT && c.get(1).type() == Slot.Type.CHOICE) {
            return new Slot(t.listKeys(), label, describe(array), Slot.Type.NAME_LIST, List.of(), null, null, group, c);
        }
        if (c.size() == 2 && c.get(0).type() == Slot.Type.TEXT && c.get(1).type() == Slot.Type.INTEGER) {
            return new Slot(t.listKeys(), label, describe(array), Slot.Type.COUNT_LIST, List.of(), null, null, group, c);
        }
        return null;
    }

    // ---------------------------------------------------------------- schema helpers

    private Slot slot(List<String> keys, JsonNode node, String section) {
        JsonNode r = resolve(node);
        String name = keys.isEmpty() ? "value" : keys.get(keys.size() - 1);
        String label = label(node, name);
        String description = describe(node);
        Integer minimum = r.has("minimum") ? r.get("minimum").asInt() : null;
        String type = r.path("type").asText();
        Slot.Type t;
        List<Slot.Choice> choices = List.of();
        if ("integer".equals(type)) t = Slot.Type.INTEGER;
        else if ("boolean".equals(type)) t = Slot.Type.BOOLEAN;
        else if (r.has("enum")) {
            t = Slot.Type.CHOICE;
            choices = choices(r, node);
        } else if ("date".equals(r.path("format").asText())) t = Slot.Type.DATE;
        else if (r.has("pattern") && MONTH_PATTERN.matcher(r.get("pattern").asText()).matches()) t = Slot.Type.MONTH;
        else if ("string".equals(type)) t = Slot.Type.TEXT;
        else throw new IllegalStateException("unsupported schema type at " + keys + ": " + type);
        return new Slot(keys, label, description, t, choices, null, minimum, section, null);
    }

    private static Slot withSection(Slot s, String section) {
        return new Slot(s.keys(), s.label(), s.description(), s.type(), s.choices(), s.flagCode(), s.minimum(), section, s.list());
    }

    /** Enumeration values with labels parsed from «code — label, code — label» in the description. */
    List<Slot.Choice> choices(JsonNode enumNode, JsonNode described) {
        List<String> codes = new ArrayList<>();
        enumNode.path("enum").forEach(n -> codes.add(n.asText()));
        String d = describe(described);
        if (d == null) d = describe(enumNode);
        List<Slot.Choice> out = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            String label = code;
            if (d != null) {
                Matcher m = Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(code) + " — ").matcher(d);
                if (m.find()) {
                    int end = d.length();
                    for (String other : codes) {
                        if (other.equals(code)) continue;
                        Matcher o = Pattern.compile("[,;] " + Pattern.quote(other) + " — ").matcher(d);
                        if (o.find(m.end()) && o.start() < end) end = o.start();
                    }
                    label = d.substring(m.end(), end).strip();
                    if (label.endsWith(".")) label = label.substring(0, label.length() - 1);
                }
            }
            out.add(new Slot.Choice(code, label));
        }
        return List.copyOf(out);
    }

    /** A node's description; a property's own wins over its $ref's. */
    private String describe(JsonNode node) {
        if (node.has("description")) return node.get("description").asText();
        JsonNode r = resolve(node);
        return r.has("description") ? r.get("description").asText() : null;
    }

    private static JsonNode mergeDescription(JsonNode item, JsonNode array) {
        if (item.has("description")) return item;
        ObjectNode copy = item.deepCopy();
        if (array.has("description")) copy.put("description", array.get("description").asText());
        return copy;
    }

    /**
     * The label of a field in the workbook: the short form of its description (the line a person has filled in since
     * the first templates; the schema's {@code title}, the field's name inside sentences, is used only where there is
     * no description), else its key.
     */
    String label(JsonNode node, String key) {
        if (node.has("title") && !node.has("description")) return node.get("title").asText();
        String d = describe(node);
        JsonNode r = resolve(node);
        boolean listsChoices = r.has("enum") || resolve(r.path("items")).has("enum");
        return d == null ? key : shortLabel(d, listsChoices);
    }

    /**
     * The first phrase of a description: parenthesised remarks and format notes (ГГГГ-ММ-ДД) dropped, cut at the
     * first «;», « — », «, например», sentence end, or (before a list of choices) «:»; a label wholly in «…» loses the quotes.
     */
    static String shortLabel(String description, boolean listsChoices) {
        String s = description.replaceAll(",?\\s*ГГГГ-ММ(-ДД)?", "");
        String prev;
        do {
            prev = s;
            s = s.replaceAll("\\s*\\([^()]*\\)", "");
        } while (!s.equals(prev));
        int cut = s.length();
        for (String stop : listsChoices ? List.of(":", ";", " — ", ", например", ". ") : List.of(";", " — ", ", например", ". ")) {
            int i = s.indexOf(stop);
            if (i > 0 && i < cut) cut = i;
        }
        s = s.substring(0, cut).strip();
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        if (s.startsWith("«") && s.endsWith("»") && s.indexOf('«', 1) < 0) s = s.substring(1, s.length() - 1);
        return s;
    }

    static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))) return s; // ФИО, ФГИС
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String sheetName(String label) {
        String s = label.replaceAll("[\\\\/?*\\[\\]:]", " ").strip();
        return s.length() > 31 ? s.substring(0, 31).strip() : s;
    }

    private static List<String> append(List<String> keys, String key) {
        List<String> k = new ArrayList<>(keys);
        k.add(key);
        return List.copyOf(k);
    }

    private JsonNode at(String dotted) {
        JsonNode n = schema;
        for (String part : dotted.split("\\.")) n = props(n).path(part);
        return n;
    }

    private JsonNode props(JsonNode node) { return resolve(node).path("properties"); }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/$defs/")) return schema.path("$defs").path(ref.asText().substring(8));
        return node;
    }
}
