package ru.edu.auditor.formats.sheets;

import java.util.List;

/**
 * The layout of one sheet of a form. Layouts are derived from the facts JSON Schema ({@link FormLayout}), so a
 * form cannot drift from what the API accepts. Rows and columns are 0-based here, as POI counts them.
 */
public sealed interface SheetSpec permits SheetSpec.Form, SheetSpec.Table, SheetSpec.Rows {
    String name();

    /** The first row that holds data (the rows above are titles and headers). */
    int firstDataRow();

    /**
     * A form: one value per line. Column A — the label, B — the value, C — how to fill it. Section lines
     * (objects of the schema) carry only a label.
     */
    record Form(String name, String title, List<Line> lines) implements SheetSpec {
        public static final int LABEL_COL = 0, VALUE_COL = 1, HINT_COL = 2;

        @Override public int firstDataRow() { return 2; }

        /** The row of line {@code i}. */
        public int rowOf(int i) { return firstDataRow() + i; }
    }

    /** A line of a {@link Form}: a section title ({@code slot} null) or a value. */
    record Line(String section, Slot slot) {
        public String label() { return slot == null ? section : slot.label(); }
    }

    /**
     * A list: one row per item, one column per item field. Row 1 holds «Список представлен: да/нет» (an
     * empty sheet with «да» is an empty list, without it — «не представлено»), row 2 the column headers.
     *
     * @param listKeys where the list goes in the facts document
     */
    record Table(String name, String title, List<String> listKeys, String listDescription, List<Slot> columns) implements SheetSpec {
        public static final int FLAG_ROW = 0, FLAG_COL = 1, HEADER_ROW = 1;

        @Override public int firstDataRow() { return 2; }

        public String listPath() { return "$." + String.join(".", listKeys); }
    }

    /**
     * The district form: one row per organization. Row 1 — groups (merged cells), row 2 — column headers.
     */
    record Rows(String name, String title, List<Slot> columns) implements SheetSpec {
        public static final int GROUP_ROW = 0, HEADER_ROW = 1;

        @Override public int firstDataRow() { return 2; }
    }
}
