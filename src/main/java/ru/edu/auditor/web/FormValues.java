package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.web.FormSchema.Field;
import ru.edu.auditor.web.FormSchema.Table;

/**
 * What the audit form holds: single values by input name, several-option values, table rows, lists marked as given;
 * read from a post, from a stored document, or from rows pasted from a spreadsheet, and turned into the facts
 * document. Tables hold at most {@link #MAX_ROWS} rows: a post asking for more (or naming a row beyond) is refused
 * with a Russian message for that table instead of building a page of any size.
 */
final class FormValues {
    /** Rows a table of the form may hold (a large school's roster of teachers fits many times over). */
    static final int MAX_ROWS = 500;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Any posted name shaped like a table cell, whatever is between the brackets. */
    private static final Pattern ANY_CELL = Pattern.compile("^([A-Za-z.]+)\\[([^\\]]*)]\\.(.+)$");

    final FormSchema form;
    final Map<String, String> single = new LinkedHashMap<>();
    final Map<String, List<String>> multi = new LinkedHashMap<>();
    final Map<String, Integer> rows = new LinkedHashMap<>();
    final Set<String> present = new LinkedHashSet<>();
    /** Why parts of the post were not taken (too many rows, a row number out of range), by input name (the table's). */
    final Map<String, String> refused = new LinkedHashMap<>();

    FormValues(FormSchema form) { this.form = form; }

    int rows(String table) { return rows.getOrDefault(table, 0); }

    /** The form's values from posted parameters; rows are numbered as posted and later compacted. */
    static FormValues read(FormSchema form, Map<String, List<String>> params) {
        FormValues v = new FormValues(form);
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            if (name.endsWith(".present")) {
                String given = name.substring(0, name.length() - ".present".length());
                if (form.fields().containsKey(given) || form.tables().containsKey(given)) v.present.add(given);
                continue;
            }
            Matcher m = ANY_CELL.matcher(name);
            if (m.matches() && form.tables().containsKey(m.group(1))) {
                String table = m.group(1);
                Field col = form.column(table, m.group(3));
                if (col == null) continue;
                String index = m.group(2);
                if (!index.matches("\\d{1,9}") || Integer.parseInt(index) >= MAX_ROWS) {
                    v.tooMany(table, "строки «" + index + "» нет: в таблице не больше " + Ru.lines(MAX_ROWS));
                    continue;
                }
                v.rows.merge(table, Integer.parseInt(index) + 1, Math::max);
                if (col.type().equals("enumList")) v.multi.put(name, List.copyOf(e.getValue()));
                else v.single.put(name, e.getValue().isEmpty() ? "" : e.getValue().get(0));
            } else if (form.fields().containsKey(name)) {
                Field f = form.fields().get(name);
                if (f.type().equals("enumList")) v.multi.put(name, List.copyOf(e.getValue()));
                else v.single.put(name, e.getValue().isEmpty() ? "" : e.getValue().get(0));
            }
        }
        for (String t : form.tables().keySet()) {
            String declared = params.getOrDefault(t + ".rows", List.of()).stream().findFirst().orElse(null);
            if (declared == null || declared.isBlank()) continue;
            if (!declared.strip().matches("\\d{1,9}") || Integer.parseInt(declared.strip()) > MAX_ROWS) {
                v.tooMany(t, "в таблице не больше " + Ru.lines(MAX_ROWS) + ", запрошено «" + declared.strip() + "»");
            } else {
                v.rows.merge(t, Integer.parseInt(declared.strip()), Math::max);
            }
        }
        return v;
    }

    private void tooMany(String table, String why) { refused.putIfAbsent(table, why); }

    /** One more empty row in {@code table}, unless it is full. */
    void addRow(String table) {
        if (rows(table) >= MAX_ROWS) tooMany(table, "в таблице не больше " + Ru.lines(MAX_ROWS));
        else rows.put(table, rows(table) + 1);
    }

    /** Removes row {@code row} of {@code table}; the rows below move up. */
    void removeRow(String table, int row) {
        int n = rows(table);
        if (row < 0 || row >= n) return;
        for (Field c : form.tables().get(table).columns()) {
            for (int r = row; r < n - 1; r++) {
                String to = table + "[" + r + "]." + c.name();
                String from = table + "[" + (r + 1) + "]." + c.name();
                single.remove(to);
                multi.remove(to);
                if (single.containsKey(from)) single.put(to, single.get(from));
                if (multi.containsKey(from)) multi.put(to, multi.get(from));
            }
            single.remove(table + "[" + (n - 1) + "]." + c.name());
            multi.remove(table + "[" + (n - 1) + "]." + c.name());
        }
        rows.put(table, n - 1);
    }

    /** Drops the table rows with nothing filled in and renumbers the rest, so row i of the form is item i of the document. */
    FormValues compact() {
        FormValues in = this;
        FormValues out = new FormValues(form);
        out.present.addAll(in.present);
        in.single.forEach((k, val) -> { if (!FormSchema.ROW.matcher(k).matches()) out.single.put(k, val); });
        in.multi.forEach((k, val) -> { if (!FormSchema.ROW.matcher(k).matches()) out.multi.put(k, val); });
        for (Table t : form.tables().values()) {
            int next = 0;
            for (int r = 0; r < in.rows(t.name()); r++) {
                if (!rowFilled(in, t, r)) continue;
                for (Field c : t.columns()) {
                    String from = t.name() + "[" + r + "]." + c.name();
                    String to = t.name() + "[" + next + "]." + c.name();
                    if (in.single.containsKey(from)) out.single.put(to, in.single.get(from));
                    if (in.multi.containsKey(from)) out.multi.put(to, in.multi.get(from));
                }
                next++;
            }
            out.rows.put(t.name(), next);
        }
        return out;
    }

    /**
     * Ticks «сведения представлены» of every table with a filled row. Reading: the rows a person typed or pasted are the
     * information given — an auditor never expects typed rows to be dropped, nor the box to say «not given» while they
     * are used ({@link #toDocument} uses them either way); the box itself only tells an empty table's «none» from «no
     * information». A blank row (just added) gives nothing, so it ticks nothing.
     */
    void givenByRows() {
        for (Table t : form.tables().values()) {
            for (int r = 0; r < rows(t.name()); r++) {
                if (rowFilled(this, t, r)) {
                    present.add(t.name());
                    break;
                }
            }
        }
    }

    private static boolean rowFilled(FormValues v, Table t, int r) {
        for (Field c : t.columns()) {
            String n = t.name() + "[" + r + "]." + c.name();
            if (v.single.containsKey(n) && !v.single.get(n).isBlank()) return true;
            if (v.multi.containsKey(n) && !v.multi.get(n).isEmpty()) return true;
        }
        return false;
    }

    /** Rows pasted from a spreadsheet (tab-separated, columns in the table's order) appended to the table. */
    void paste(String table, String text) {
        FormValues v = this;
        Table t = form.tables().get(table);
        if (t == null || text == null) return;
        int row = v.rows(table);
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) continue;
            String[] cells = line.split("\t", -1);
            for (int i = 0; i < cells.length && i < t.columns().size(); i++) {
                Field c = t.columns().get(i);
                String name = table + "[" + row + "]." + c.name();
                String cell = cells[i].strip();
                if (c.type().equals("enumList")) v.multi.put(name, cell.isEmpty() ? List.of() : List.of(cell.split("\\s*[,;]\\s*")));
                else v.single.put(name, cell);
            }
            if (row + 1 >= MAX_ROWS) {
                tooMany(table, "в таблице не больше " + Ru.lines(MAX_ROWS) + "; вставлены первые, остальные строки не вставлены");
                row++;
                break;
            }
            row++;
        }
        v.rows.put(table, row);
    }

    /** The form's values for a stored document: the prefill from an organization's latest audit. */
    static FormValues fromDocument(FormSchema form, JsonNode doc) {
        FormValues v = new FormValues(form);
        for (Field f : form.fields().values()) put(v, f, f.name(), at(doc, f.name()));
        for (Table t : form.tables().values()) {
            JsonNode list = at(doc, t.name());
            if (!list.isArray()) continue;
            v.present.add(t.name());
            for (int i = 0; i < list.size() && i < MAX_ROWS; i++) {
                for (Field c : t.columns()) put(v, c, t.name() + "[" + i + "]." + c.name(), at(list.get(i), c.name()));
            }
            v.rows.put(t.name(), Math.min(list.size(), MAX_ROWS));
        }
        return v;
    }

    private static void put(FormValues v, Field f, String name, JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return;
        switch (f.type()) {
            case "enumList" -> {
                List<String> l = new ArrayList<>();
                n.forEach(x -> l.add(x.asText()));
                v.multi.put(name, l);
                v.present.add(name);
            }
            case "dateList", "textList" -> {
                List<String> l = new ArrayList<>();
                n.forEach(x -> l.add(f.type().equals("dateList") ? ruDate(x.asText()) : x.asText()));
                v.single.put(name, String.join("\n", l));
                v.present.add(name);
            }
            case "date" -> v.single.put(name, ruDate(n.asText()));
            case "boolean" -> v.single.put(name, n.asBoolean() ? "true" : "false");
            default -> v.single.put(name, n.asText());
        }
    }

    private static String ruDate(String iso) {
        try {
            return FormSchema.RU_DATE.format(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static JsonNode at(JsonNode doc, String dotted) {
        JsonNode n = doc;
        for (String p : dotted.split("\\.")) n = n.path(p);
        return n;
    }

    // ------------------------------------------------------------------------------------------- document

    /** The facts document from the form and the inputs it could not read (by input name). */
    record Converted(ObjectNode document, Map<String, String> errors) { }

    Converted toDocument() {
        FormValues v = this;
        ObjectNode doc = NODES.objectNode();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Field f : form.fields().values()) {
            JsonNode value = convert(f, f.name(), v, errors);
            if (value != null) set(doc, f.name(), value);
        }
        for (Table t : form.tables().values()) {
            int n = v.rows(t.name());
            if (n == 0 && !v.present.contains(t.name())) continue;
            ArrayNode list = NODES.arrayNode();
            for (int r = 0; r < n; r++) {
                ObjectNode item = NODES.objectNode();
                for (Field c : t.columns()) {
                    JsonNode value = convert(c, t.name() + "[" + r + "]." + c.name(), v, errors);
                    if (value != null) set(item, c.name(), value);
                }
                list.add(item);
            }
            set(doc, t.name(), list);
        }
        return new Converted(doc, errors);
    }

    private static JsonNode convert(Field f, String name, FormValues v, Map<String, String> errors) {
        if (f.type().equals("enumList")) {
            List<String> chosen = v.multi.get(name);
            if ((chosen == null || chosen.isEmpty()) && !v.present.contains(name)) return null;
            ArrayNode a = NODES.arrayNode();
            if (chosen != null) chosen.stream().filter(s -> !s.isBlank()).forEach(a::add);
            return a;
        }
        String raw = v.single.get(name);
        String s = raw == null ? "" : raw.strip();
        if (f.type().equals("dateList") || f.type().equals("textList")) {
            if (s.isEmpty() && !v.present.contains(name)) return null;
            ArrayNode a = NODES.arrayNode();
            int line = 0;
            for (String item : s.split("\\r?\\n|\\s*[,;]\\s*")) {
                line++;
                String x = item.strip();
                if (x.isEmpty()) continue;
                if (f.type().equals("textList")) {
                    a.add(x);
                    continue;
                }
                LocalDate d = FormSchema.date(x);
                if (d == null) {
                    errors.putIfAbsent(name, "строка " + line + ": ожидается дата ДД.ММ.ГГГГ, получено «" + x + "»");
                } else {
                    a.add(d.toString());
                }
            }
            return a;
        }
        if (s.isEmpty()) return null; // не представлено
        switch (f.type()) {
            case "integer" -> {
                String digits = s.replace(" ", "").replace("\u00a0", "");
                if (!digits.matches("-?\\d{1,9}")) {
                    errors.put(name, "ожидается целое число, получено «" + s + "»");
                    return null;
                }
                return NODES.numberNode(Integer.parseInt(digits));
            }
            case "boolean" -> {
                if (s.equals("true") || s.equalsIgnoreCase("да")) return NODES.booleanNode(true);
                if (s.equals("false") || s.equalsIgnoreCase("нет")) return NODES.booleanNode(false);
                errors.put(name, "ожидается «да» или «нет», получено «" + s + "»");
                return null;
            }
            case "date" -> {
                LocalDate d = FormSchema.date(s);
                if (d == null) {
                    errors.put(name, "ожидается дата ДД.ММ.ГГГГ, получено «" + s + "»");
                    return null;
                }
                return NODES.textNode(d.toString());
            }
            case "enum" -> {
                if (f.options().stream().noneMatch(o -> o.value().equals(s))) {
                    errors.put(name, "выберите одно из значений списка");
                    return null;
                }
                return NODES.textNode(s);
            }
            default -> {
                return NODES.textNode(s);
            }
        }
    }

    private static void set(ObjectNode root, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = n.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                next = NODES.objectNode();
                n.set(parts[i], next);
            }
            n = (ObjectNode) next;
        }
        n.set(parts[parts.length - 1], value);
    }
}
