package ru.edu.auditor.formats.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.edu.auditor.facts.FieldProblem;

/**
 * Turns a filled «Форма сведений» (one organization) into the facts document the API accepts as JSON, with
 * every cell that cannot be read reported by sheet and cell. A blank cell is a value not given («не
 * представлено»): the field is left out of the document, never set to zero or «нет». The layout of each sheet
 * is checked against the template (labels of lines and columns), so values are never taken from a moved
 * line or column.
 */
public final class FormReader {
    /** Rows a form sheet may have (its lines are a few dozen). */
    static final int MAX_FORM_ROWS = 500;
    /** Rows a list sheet may have: far above any school's roster (the largest schools have a few hundred teachers). */
    public static final int MAX_LIST_ROWS = 10_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FormReader() { }

    /**
     * The facts document read from a workbook, the problems of its cells (empty when every filled cell was read),
     * and where each value came from.
     */
    public record Intake(ObjectNode doc, List<FieldProblem> problems, CellLocator cells) { }

    /** Reads the organization form from {@code book}. A district form or a book without any form sheet is refused. */
    public static Intake organization(XlsxReader book, FormLayout layout) throws WorkbookRejected {
        Map<String, String> present = new HashMap<>();
        for (String n : book.sheetNames()) present.put(Cells.norm(n), n);
        List<SheetSpec> found = layout.organization().stream().filter(s -> present.containsKey(Cells.norm(s.name()))).toList();
        if (found.isEmpty()) {
            if (present.containsKey(Cells.norm(FormLayout.DISTRICT_SHEET))) {
                throw WorkbookRejected.notOurs("В книге форма района (лист «" + FormLayout.DISTRICT_SHEET + "», строка на организацию) —"
                        + " отправьте её в POST /api/v1/audits/batch (или ./auditor audit-batch).");
            }
            throw WorkbookRejected.notOurs("В книге нет ни одного листа формы сведений (" + String.join(", ",
                    layout.organization().stream().map(s -> "«" + s.name() + "»").toList())
                    + "). Скачайте форму: GET /api/v1/templates/organization.xlsx.");
        }
        ObjectNode doc = F.objectNode();
        List<FieldProblem> problems = new ArrayList<>();
        CellLocator cells = new CellLocator();
        for (SheetSpec s : layout.organization()) {
            String actual = present.get(Cells.norm(s.name()));
            if (s instanceof SheetSpec.Form f) {
                registerForm(f, actual == null ? f.name() : actual, cells);
                if (actual != null) readForm(book, f, actual, doc, problems);
            } else if (s instanceof SheetSpec.Table t) {
                cells.put(t.listPath(), RawCell.address(actual == null ? t.name() : actual, SheetSpec.Table.FLAG_ROW, SheetSpec.Table.FLAG_COL));
                if (actual != null) readTable(book, t, actual, doc, problems, cells);
            }
        }
        return new Intake(doc, List.copyOf(problems), cells);
    }

    private static void registerForm(SheetSpec.Form f, String sheet, CellLocator cells) {
        for (int i = 0; i < f.lines().size(); i++) {
            Slot slot = f.lines().get(i).slot();
            if (slot != null) cells.put(slot.path("$"), RawCell.address(sheet, f.rowOf(i), SheetSpec.Form.VALUE_COL));
        }
    }

    private static void readForm(XlsxReader book, SheetSpec.Form f, String sheet, ObjectNode doc, List<FieldProblem> problems)
            throws WorkbookRejected {
        Map<Integer, Map<Integer, RawCell>> grid = new TreeMap<>();
        book.read(sheet, MAX_FORM_ROWS, f.firstDataRow(), (row, cells) -> {
            Map<Integer, RawCell> r = new TreeMap<>();
            cells.forEach(c -> r.put(c.col(), c));
            grid.put(row, r);
        });
        int lastRow = f.rowOf(f.lines().size() - 1);
        for (Map.Entry<Integer, Map<Integer, RawCell>> e : grid.entrySet()) {
            int row = e.getKey();
            for (RawCell c : e.getValue().values()) {
                boolean inForm = row >= f.firstDataRow() && row <= lastRow && c.col() <= SheetSpec.Form.HINT_COL;
                if (!inForm && row >= f.firstDataRow()) {
                    problems.add(CellLocator.at(RawCell.address(sheet, row, c.col()), "$", "значение вне формы не читается: заполняйте только столбец «Значение» ("
                            + RawCell.ref(row, SheetSpec.Form.VALUE_COL).replaceAll("\\d", "") + ") в строках формы", "outside-form"));
                }
            }
        }
        for (int i = 0; i < f.lines().size(); i++) {
            SheetSpec.Line line = f.lines().get(i);
            int row = f.rowOf(i);
            Map<Integer, RawCell> r = grid.getOrDefault(row, Map.of());
            RawCell label = r.get(SheetSpec.Form.LABEL_COL);
            String shown = label == null ? "" : label.shown();
            if (!Cells.norm(shown).equals(Cells.norm(line.label()))) {
                problems.add(CellLocator.at(RawCell.address(sheet, row, SheetSpec.Form.LABEL_COL), line.slot() == null ? "$" : line.slot().path("$"),
                        "ожидается строка формы «" + line.label() + "», найдено «" + shown + "»: строки формы нельзя переставлять,"
                                + " вставлять и удалять — скачайте форму заново", "layout"));
                continue;
            }
            if (line.slot() == null) {
                RawCell stray = r.get(SheetSpec.Form.VALUE_COL);
                if (stray != null) {
                    problems.add(CellLocator.at(RawCell.address(sheet, row, SheetSpec.Form.VALUE_COL), "$",
                            "строка заголовка раздела «" + line.label() + "» значений не содержит; значение «" + stray.shown() + "» не читается", "outside-form"));
                }
                continue;
            }
            RawCell value = r.get(SheetSpec.Form.VALUE_COL);
            if (value == null) continue;
            Cells.Read read = Cells.read(value, line.slot(), book::date);
            String path = line.slot().path("$");
            if (read.error() != null) problems.add(CellLocator.at(RawCell.address(sheet, row, SheetSpec.Form.VALUE_COL), path, read.error(), "cell"));
            else put(doc, line.slot().keys(), read.value());
        }
    }

    private static void readTable(XlsxReader book, SheetSpec.Table t, String sheet, ObjectNode doc, List<FieldProblem> problems, CellLocator cells)
            throws WorkbookRejected {
        ArrayNode items = F.arrayNode();
        Boolean[] given = {null};
        RawCell[] flagCell = {null};
        boolean[] headerSeen = {false};
        int width = t.columns().size();
        book.read(sheet, MAX_LIST_ROWS, t.firstDataRow(), (row, rowCells) -> {
            if (row == SheetSpec.Table.FLAG_ROW) {
                for (RawCell c : rowCells) {
                    if (c.col() != SheetSpec.Table.FLAG_COL) continue;
                    flagCell[0] = c;
                    Cells.Read r = Cells.bool(c);
                    if (r.error() != null) problems.add(CellLocator.at(RawCell.address(sheet, row, c.col()), t.listPath(), r.error(), "cell"));
                    else given[0] = r.value().asBoolean();
                }
                return;
            }
            if (row == SheetSpec.Table.HEADER_ROW) {
                headerSeen[0] = true;
                checkHeader(t, sheet, rowCells, problems);
                return;
            }
            if (row < t.firstDataRow()) return;
            ObjectNode item = F.objectNode();
            JsonNode scalar = null;
            String base = t.listPath() + "[" + items.size() + "]";
            boolean any = false;
            for (RawCell c : rowCells) {
                String address = RawCell.address(sheet, row, c.col());
                if (c.col() >= width) {
                    problems.add(CellLocator.at(address, base, "значение правее столбцов формы не читается; последний столбец формы — «"
                            + t.columns().get(width - 1).label() + "»", "outside-form"));
                    continue;
                }
                any = true;
                Slot slot = t.columns().get(c.col());
                Cells.Read r = Cells.read(c, slot, book::date);
                String path = slot.path(base);
                if (r.error() != null) {
                    problems.add(CellLocator.at(address, path, r.error(), "cell"));
                } else if (slot.keys().isEmpty()) {
                    scalar = r.value();
                } else if (slot.type() == Slot.Type.FLAG) {
                    if (r.value().asBoolean()) addFlag(item, slot);
                    else ensureList(item, slot.keys());
                } else {
                    put(item, slot.keys(), r.value());
                }
            }
            if (!any) return;
            for (int col = 0; col < width; col++) cells.put(t.columns().get(col).path(base), RawCell.address(sheet, row, col));
            cells.put(base, RawCell.address(sheet, row, 0));
            items.add(scalar != null ? scalar : item);
        });
        if (!headerSeen[0] && (!items.isEmpty() || given[0] != null)) {
            problems.add(CellLocator.at(RawCell.address(sheet, SheetSpec.Table.HEADER_ROW, 0), t.listPath(),
                    "нет строки заголовков формы; скачайте форму заново", "layout"));
        }
        if (!items.isEmpty()) {
            if (Boolean.FALSE.equals(given[0])) {
                problems.add(CellLocator.at(RawCell.address(sheet, SheetSpec.Table.FLAG_ROW, SheetSpec.Table.FLAG_COL), t.listPath(),
                        "указано «нет» (список не представлен), но ниже заполнено строк: " + items.size() + "; поставьте «да» или очистите строки", "cell"));
            }
            put(doc, t.listKeys(), items);
        } else if (Boolean.TRUE.equals(given[0])) {
            put(doc, t.listKeys(), items); // «да» without rows: the list is given and empty («нет ни одного»)
        }
    }

    private static void checkHeader(SheetSpec.Table t, String sheet, List<RawCell> rowCells, List<FieldProblem> problems) {
        Map<Integer, RawCell> byCol = new HashMap<>();
        rowCells.forEach(c -> byCol.put(c.col(), c));
        for (int col = 0; col < t.columns().size(); col++) {
            String expected = t.columns().get(col).label();
            RawCell c = byCol.get(col);
            String shown = c == null ? "" : c.shown();
            if (!Cells.norm(shown).equals(Cells.norm(expected))) {
                problems.add(CellLocator.at(RawCell.address(sheet, SheetSpec.Table.HEADER_ROW, col), t.listPath(), "ожидается столбец «" + expected
                        + "», найдено «" + shown + "»: столбцы формы нельзя переставлять, вставлять и удалять — скачайте форму заново", "layout"));
            }
        }
    }

    private static void addFlag(ObjectNode item, Slot slot) {
        ensureList(item, slot.keys()).add(slot.flagCode());
    }

    private static ArrayNode ensureList(ObjectNode item, List<String> keys) {
        ObjectNode parent = parentOf(item, keys);
        String last = keys.get(keys.size() - 1);
        JsonNode existing = parent.get(last);
        if (existing instanceof ArrayNode a) return a;
        return parent.putArray(last);
    }

    static void put(ObjectNode root, List<String> keys, JsonNode value) {
        parentOf(root, keys).set(keys.get(keys.size() - 1), value);
    }

    private static ObjectNode parentOf(ObjectNode root, List<String> keys) {
        ObjectNode n = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            JsonNode next = n.get(keys.get(i));
            n = next instanceof ObjectNode o ? o : n.putObject(keys.get(i));
        }
        return n;
    }
}
