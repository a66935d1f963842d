package ru.edu.auditor.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ru.edu.auditor.text.Fmt;

/**
 * CSV that a Russian Excel opens as a table with a double click: UTF-8 with a byte-order mark, «;» between
 * cells, CRLF after each row, cells with «;», quotes or line breaks in quotes (quotes doubled). A text cell that
 * Excel would take for a formula (=, +, -, @ first) is prefixed with an apostrophe.
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

    static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof Number) return value.toString().replace('.', ',');
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("[-+]?\\d+([.,]\\d+)?")) s = "'" + s;
        boolean quote = s.contains(";") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                || !s.equals(s.strip());
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
