package ru.edu.auditor.formats.sheets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;

/**
 * Reads the district form (sheet «Организации», a row per organization) row by row, in constant memory: each
 * non-empty row becomes one facts document, or the problems of its cells. The header row is checked against
 * the template before any row is read.
 */
public final class DistrictReader {
    /** Rows the district sheet may have: every school of a large region, and then some. */
    public static final int MAX_ROWS = 50_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DistrictReader() { }

    /** One organization's row: its facts document, or (when {@code problems} is not empty) what is wrong with its cells. */
    public record RowFacts(int row, ObjectNode doc, List<FieldProblem> problems) { }

    /** Receives the rows in order. */
    @FunctionalInterface
    public interface Sink {
        void accept(RowFacts row) throws WorkbookRejected;
    }

    /** True when {@code book} has the district sheet. */
    public static boolean isDistrict(XlsxReader book) { return sheetOf(book) != null; }

    private static String sheetOf(XlsxReader book) {
        for (String n : book.sheetNames()) if (Cells.norm(n).equals(Cells.norm(FormLayout.DISTRICT_SHEET))) return n;
        return null;
    }

    /** Streams every non-empty data row of the district sheet to {@code sink}. A wrong header refuses the whole book. */
    public static void read(XlsxReader book, FormLayout layout, Sink sink) throws WorkbookRejected {
        String sheet = sheetOf(book);
        if (sheet == null) throw WorkbookRejected.notOurs("В книге нет листа «" + FormLayout.DISTRICT_SHEET + "». Скачайте форму района: GET /api/v1/templates/district.xlsx.");
        List<Slot> cols = layout.district().columns();
        boolean[] header = {false};
        book.read(sheet, MAX_ROWS, layout.district().firstDataRow(), (row, cells) -> {
            if (row == SheetSpec.Rows.HEADER_ROW) {
                checkHeader(sheet, cols, cells);
                header[0] = true;
                return;
            }
            if (row < layout.district().firstDataRow()) return;
            if (!header[0]) {
                throw WorkbookRejected.notOurs("На листе «" + sheet + "» нет строки заголовков формы (строка 2). Скачайте форму района заново.");
            }
            ObjectNode doc = F.objectNode();
            List<FieldProblem> problems = new ArrayList<>();
            for (RawCell c : cells) {
                String address = RawCell.address(sheet, row, c.col());
                if (c.col() >= cols.size()) {
                    problems.add(CellLocator.at(address, "$", "значение правее столбцов формы не читается; последний столбец формы — «"
                            + cols.get(cols.size() - 1).label() + "»", "outside-form"));
                    continue;
                }
                Slot slot = cols.get(c.col());
                Cells.Read r = Cells.read(c, slot, book::date);
                if (r.error() != null) problems.add(CellLocator.at(address, slot.path("$"), r.error(), "cell"));
                else FormReader.put(doc, slot.keys(), r.value());
            }
            sink.accept(new RowFacts(row, doc, List.copyOf(problems)));
        });
    }

    /** Where each value of row {@code row} sits (for naming the cells of problems the facts validator finds). */
    public static CellLocator locator(FormLayout layout, int row) {
        CellLocator l = new CellLocator();
        List<Slot> cols = layout.district().columns();
        for (int c = 0; c < cols.size(); c++) l.put(cols.get(c).path("$"), RawCell.address(FormLayout.DISTRICT_SHEET, row, c));
        return l;
    }

    private static void checkHeader(String sheet, List<Slot> cols, List<RawCell> cells) throws WorkbookRejected {
        Map<Integer, RawCell> byCol = new HashMap<>();
        cells.forEach(c -> byCol.put(c.col(), c));
        List<String> wrong = new ArrayList<>();
        for (int col = 0; col < cols.size(); col++) {
            RawCell c = byCol.get(col);
            String shown = c == null ? "" : c.shown();
            if (!Cells.norm(shown).equals(Cells.norm(cols.get(col).label()))) {
                wrong.add(RawCell.address(sheet, SheetSpec.Rows.HEADER_ROW, col) + ": ожидается «" + cols.get(col).label() + "», найдено «" + shown + "»");
            }
        }
        if (!wrong.isEmpty()) {
            throw WorkbookRejected.notOurs("Заголовки листа «" + sheet + "» не совпадают с формой района (столбцы нельзя переставлять,"
                    + " вставлять и удалять; скачайте форму заново): " + String.join("; ", wrong.subList(0, Math.min(5, wrong.size())))
                    + (wrong.size() > 5 ? "; и ещё " + (wrong.size() - 5) : "") + ".");
        }
    }
}
