package ru.edu.auditor.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import ru.edu.auditor.text.Fmt;

/**
 * The one CSV writer of the product (report, roll-up and {@code audit-batch} CSV): what a Russian Excel opens as a
 * table with a double click — UTF-8 with a byte-order mark, «;» between cells, CRLF after each row, cells with «;»,
 * quotes or line breaks in quotes (quotes doubled), numbers with a decimal comma, dates ДД.ММ.ГГГГ
 * ({@link #date}). A text cell that Excel would take for a formula (=, +, -, @ first) is prefixed with an
 * apostrophe. A {@link Text} cell — a clause number such as {@code 1.2}, an organization's INN — that Excel
 * would turn into a date or a number is written as the formula {@code ="1.2"}: Excel and LibreOffice show the
 * text 1.2 exactly (an apostrophe, Excel's way when typing, stays visible in a CSV; a 10-digit INN would lose
 * its leading zero as a number).
 */
public final class Csv {
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private final StringBuilder out = new StringBuilder("\uFEFF");

    public Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(';');
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
        return this;
    }

    public Csv row(List<?> cells) { return row(cells.toArray()); }

    /** A cell that must stay text as written (clause numbers, identifiers). */
    public record Text(String value) { }

    /** {@code value} as a cell Excel keeps as text. */
    public static Text text(String value) { return new Text(value); }

    /** A date cell, ДД.ММ.ГГГГ (Excel with Russian settings reads it as a date); empty for none. */
    public static String date(LocalDate d) { return d == null ? "" : Fmt.date(d); }

    /** The cells as one CSV row (CRLF-terminated) in UTF-8, no byte-order mark: for tables written line by line. */
    public static byte[] line(List<?> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(';');
            b.append(cell(cells.get(i)));
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The byte-order mark that opens every CSV file. */
    public static byte[] bom() { return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}; }

    public byte[] bytes() { return out.toString().getBytes(StandardCharsets.UTF_8); }

    /** Writes the rows so far to {@code to} and forgets them (for tables written out as they are read). */
    public void flushTo(OutputStream to) throws IOException {
        to.write(bytes());
        out.setLength(0);
    }

    @Override public String toString() { return out.toString(); }

    /** A share in percent as Excel reads a number here («99,7»; never «100» short of all), or empty. */
    public static String percent(int part, int whole) {
        return whole <= 0 ? "" : Fmt.percent(part, whole).replace(" %", "");
    }

    /** What Excel with Russian settings would turn into a number or a date: 1.2, 3,1, 10, 0512345678, 1/2, 1-2. */
    private static final Pattern LOOKS_NUMERIC = Pattern.compile("[0-9][0-9.,/ :-]*");

    static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof Number) return value.toString().replace('.', ',');
        if (value instanceof Text t) {
            String v = t.value() == null ? "" : t.value();
            if (LOOKS_NUMERIC.matcher(v).matches()) return "\"=\"\"" + v + "\"\"\"";
            return cell(v);
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("[-+]?\\d+([.,]\\d+)?")) s = "'" + s;
        boolean quote = s.contains(";") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                || !s.equals(s.strip());
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
