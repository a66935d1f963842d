package ru.edu.auditor.formats.sheets;

import java.math.BigDecimal;
import org.apache.poi.ss.util.CellReference;

/**
 * One non-empty cell as stored in the workbook: text (shared, inline or a formula's text result), a number
 * (with {@code dateStyled} when its number format shows a date), a boolean, an error value (#Н/Д, #ДЕЛ/0!), or a
 * formula without a stored result. Formulas are never evaluated: their cached result is the value.
 */
public record RawCell(int row, int col, Kind kind, String text, double number, boolean dateStyled, boolean formula) {
    public enum Kind { TEXT, NUMBER, BOOLEAN, ERROR, FORMULA_WITHOUT_VALUE }

    /** «D7». */
    public String ref() { return ref(row, col); }

    public static String ref(int row, int col) { return CellReference.convertNumToColString(col) + (row + 1); }

    /** «Педагоги!D7», «'«Моя школа»'!B4» (quoted as Excel quotes a sheet name with spaces or punctuation). */
    public static String address(String sheet, int row, int col) { return sheetRef(sheet) + "!" + ref(row, col); }

    public static String sheetRef(String sheet) {
        return sheet.matches("[\\p{L}\\d_]+") ? sheet : "'" + sheet.replace("'", "''") + "'";
    }

    /** The cell as the person sees it, for error messages: text stripped, a number without «.0». */
    public String shown() {
        return switch (kind) {
            case TEXT, ERROR -> text;
            case BOOLEAN -> "1".equals(text) || "true".equalsIgnoreCase(text) ? "ИСТИНА" : "ЛОЖЬ";
            case NUMBER -> number == Math.rint(number) && Math.abs(number) < 1e15 ? String.valueOf((long) number)
                    : BigDecimal.valueOf(number).stripTrailingZeros().toPlainString().replace('.', ',');
            case FORMULA_WITHOUT_VALUE -> "формула без значения";
        };
    }
}
