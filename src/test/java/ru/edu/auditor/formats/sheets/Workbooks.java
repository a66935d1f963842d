package ru.edu.auditor.formats.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Test helpers: a form filled by code, then edited cell by cell the way a person would. */
public final class Workbooks {
    private Workbooks() { }

    /** The organization form filled with {@code facts} (null: blank), edited by {@code edit}, written to a temporary file. */
    public static Path organization(JsonNode facts, Consumer<XSSFWorkbook> edit) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        new FormWriter(FormLayout.current()).organization(facts, raw);
        return edited(raw.toByteArray(), edit);
    }

    /** The district form with one row per facts document, edited by {@code edit}. */
    public static Path district(Iterable<? extends JsonNode> rows, Consumer<XSSFWorkbook> edit) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        new FormWriter(FormLayout.current()).district(rows.iterator(), raw);
        return edited(raw.toByteArray(), edit);
    }

    public static Path edited(byte[] book, Consumer<XSSFWorkbook> edit) throws IOException {
        Path file = Files.createTempFile("sheets-test-", ".xlsx");
        file.toFile().deleteOnExit();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(book)); OutputStream out = Files.newOutputStream(file)) {
            if (edit != null) edit.accept(wb);
            wb.write(out);
        }
        return file;
    }

    /** The cell at «B7» of {@code sheet}, created when absent. */
    public static org.apache.poi.ss.usermodel.Cell cell(XSSFWorkbook wb, String sheet, String ref) {
        org.apache.poi.ss.util.CellReference r = new org.apache.poi.ss.util.CellReference(ref);
        org.apache.poi.ss.usermodel.Sheet sh = wb.getSheet(sheet);
        org.apache.poi.ss.usermodel.Row row = sh.getRow(r.getRow()) != null ? sh.getRow(r.getRow()) : sh.createRow(r.getRow());
        return row.getCell(r.getCol()) != null ? row.getCell(r.getCol()) : row.createCell(r.getCol());
    }

    /** The row (1-based, as Excel shows it) of the form line labelled {@code label} on form sheet {@code sheet}, in section {@code section}. */
    public static int formRow(String sheet, String section, String label) {
        SheetSpec.Form f = (SheetSpec.Form) FormLayout.current().organization().stream().filter(s -> s.name().equals(sheet)).findFirst().orElseThrow();
        String current = null;
        for (int i = 0; i < f.lines().size(); i++) {
            SheetSpec.Line l = f.lines().get(i);
            if (l.slot() == null) current = l.section();
            else if (l.label().equals(label) && (section == null || section.equals(current))) return f.rowOf(i) + 1;
        }
        throw new IllegalArgumentException("no line " + label + " in " + sheet);
    }

    /** «B7»: the value cell of a form line. */
    public static String value(String sheet, String section, String label) { return "B" + formRow(sheet, section, label); }
}
