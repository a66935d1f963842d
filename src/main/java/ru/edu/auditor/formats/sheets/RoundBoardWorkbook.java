package ru.edu.auditor.formats.sheets;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import ru.edu.auditor.report.RoundBoard;
import ru.edu.auditor.text.Fmt;

/**
 * A monitoring round's board as a workbook: the sheet «Организации» (the round, the counts, one row per organization
 * asked) and the sheet «Свод по пунктам» (the roll-up by clause over the latest answers). The words are the board's
 * own ({@link RoundBoard#cells}, {@link RoundBoard#rollupRows}), as on the page and in the PDF.
 */
public final class RoundBoardWorkbook {
    private RoundBoardWorkbook() { }

    public static void write(RoundBoard b, OutputStream out) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            CellStyle bold = book.createCellStyle();
            Font f = book.createFont();
            f.setBold(true);
            bold.setFont(f);
            Sheet s = book.createSheet("Организации");
            int r = 0;
            text(s.createRow(r++), 0, b.heading(), bold);
            text(s.createRow(r++), 0, "Муниципалитет: " + b.municipality() + (b.closed() ? ". Мониторинг закрыт." : ""), null);
            text(s.createRow(r++), 0, "Состояние на " + Fmt.date(b.today()), null);
            for (String line : b.summary()) text(s.createRow(r++), 0, line, null);
            r++;
            row(s.createRow(r++), RoundBoard.LINE_COLUMNS, bold);
            int n = 0;
            for (RoundBoard.Line l : b.lines()) row(s.createRow(r++), RoundBoard.cells(++n, l), null);
            int[] widths = {5, 50, 30, 34, 20, 28, 30};
            for (int i = 0; i < widths.length; i++) s.setColumnWidth(i, widths[i] * 256);
            Sheet c = book.createSheet("Свод по пунктам");
            int cr = 0;
            text(c.createRow(cr++), 0, "Свод по пунктам решений: последние ответы организаций, " + b.period(), bold);
            row(c.createRow(cr++), RoundBoard.rollupColumns(), bold);
            List<List<String>> rows = b.rollupRows();
            if (rows.isEmpty()) text(c.createRow(cr), 0, "Ответов пока нет — сводить нечего.", null);
            for (List<String> row : rows) row(c.createRow(cr++), row, null);
            c.setColumnWidth(0, 50 * 256);
            book.write(out);
        }
    }

    private static void row(Row row, List<String> cells, CellStyle style) {
        for (int i = 0; i < cells.size(); i++) text(row, i, cells.get(i), style);
    }

    private static void text(Row row, int col, String value, CellStyle style) {
        var cell = row.createCell(col);
        // counts stay numbers in Excel, so the auditor can sum and sort them
        if (value != null && value.matches("\\d{1,9}") && col > 0) cell.setCellValue(Long.parseLong(value));
        else cell.setCellValue(value == null ? "" : value);
        if (style != null) cell.setCellStyle(style);
    }
}
