package ru.edu.auditor.formats.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the forms: the blank templates served at /api/v1/templates/…, and the same forms filled with facts
 * documents (tests fill them by code; the benchmark builds its district workbook this way). Headers are the
 * schema's labels with its descriptions as cell comments; choices and «да/нет» have drop-down lists; numbers
 * and dates have validation; dates show as ДД.ММ.ГГГГ. A value the facts do not give stays a blank cell.
 */
public final class FormWriter {
    /** Rows of a list sheet that carry the drop-downs and formats of the template. */
    static final int TEMPLATE_LIST_ROWS = 2000;
    /** Rows of the district form that carry them. */
    static final int TEMPLATE_DISTRICT_ROWS = 10_000;
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final String BLANK_NOTE = "Пустая ячейка — «не представлено» (не ноль и не «нет»).";

    private final FormLayout layout;

    public FormWriter(FormLayout layout) { this.layout = layout; }

    /** The organization form; filled with {@code facts} when not null. */
    public void organization(JsonNode facts, OutputStream out) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            instructions(wb, st, false);
            for (SheetSpec s : layout.organization()) {
                if (s instanceof SheetSpec.Form f) form(wb, st, f, facts);
                else if (s instanceof SheetSpec.Table t) table(wb, st, t, facts);
            }
            wb.setActiveSheet(1);
            wb.write(out);
        }
    }

    /** The district form: one row per facts document of {@code rows} (none for the blank template). Streamed (SXSSF). */
    public void district(Iterator<? extends JsonNode> rows, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            Styles st = new Styles(wb);
            instructions(wb, st, true);
            SheetSpec.Rows spec = layout.district();
            Sheet sh = wb.createSheet(spec.name());
            List<Slot> cols = spec.columns();
            Row groups = sh.createRow(SheetSpec.Rows.GROUP_ROW);
            Row header = sh.createRow(SheetSpec.Rows.HEADER_ROW);
            header.setHeightInPoints(90);
            Drawing<?> drawing = sh.createDrawingPatriarch();
            int start = 0;
            for (int c = 0; c <= cols.size(); c++) {
                String g = c < cols.size() ? group(cols.get(c)) : null;
                if (c == cols.size() || !Objects.equals(g, group(cols.get(start)))) {
                    Cell gc = groups.createCell(start);
                    gc.setCellValue(group(cols.get(start)));
                    gc.setCellStyle(st.group);
                    for (int k = start + 1; k < c; k++) groups.createCell(k).setCellStyle(st.group);
                    if (c - start > 1) sh.addMergedRegion(new CellRangeAddress(SheetSpec.Rows.GROUP_ROW, SheetSpec.Rows.GROUP_ROW, start, c - 1));
                    start = c;
                }
            }
            headerCells(wb, sh, st, drawing, header, cols, spec.firstDataRow(), TEMPLATE_DISTRICT_ROWS);
            sh.createFreezePane(2, spec.firstDataRow());
            int r = spec.firstDataRow();
            while (rows.hasNext()) {
                JsonNode facts = rows.next();
                Row row = sh.createRow(r++);
                for (int c = 0; c < cols.size(); c++) write(row, c, cols.get(c), at(facts, cols.get(c).keys()), st);
            }
            wb.setActiveSheet(1);
            wb.write(out);
        } finally {
            wb.close();
            wb.dispose();
        }
    }

    private static String group(Slot s) { return s.section() == null ? "" : s.section(); }

    private void instructions(Workbook wb, Styles st, boolean district) {
        Sheet sh = wb.createSheet("Как заполнять");
        List<String> lines = new ArrayList<>(List.of(
                layout.title(),
                "",
                district
                        ? "Одна строка листа «" + FormLayout.DISTRICT_SHEET + "» — одна организация, с третьей строки. Поимённый список педагогов,"
                        + " ответственные и отчёты заполняются в форме одной организации (рабочее место аудитора, страница «Новая проверка» — «скачать форму сведений (.xlsx)»)."
                        : "Заполните столбец «Значение» на листах-формах и строки на листах-списках (с третьей строки, одна строка — одна запись).",
                "Пустая ячейка означает «сведения не представлены» — это не ноль и не «нет»: по такому пункту аудитор ответит «нет сведений».",
                "Даты — ДД.ММ.ГГГГ (например, 18.10.2023); месяцы — ММ.ГГГГ; «да»/«нет» и виды — из выпадающих списков.",
                "У каждого заголовка есть примечание с описанием поля (наведите указатель на ячейку).",
                "Формулы не вычисляются: читается значение, сохранённое Excel. Внешние связи с другими файлами не допускаются.",
                "Не переставляйте, не вставляйте и не удаляйте строки и столбцы формы: значения берутся по их местам, заголовки сверяются."));
        if (!district) {
            lines.add("Листы-списки: в ячейке B1 «да» — список представлен (если строк нет, значит, записей нет); пусто — не представлен.");
            lines.add("Лишний лист (например, «Орган управления» для школы) можно не заполнять или удалить.");
        } else {
            lines.add("Списки в одной ячейке: даты и названия через «;», «нет» — ни одного; пусто — не представлено.");
        }
        lines.add(district ? "Загрузка: в рабочем месте аудитора, страница «Пакетная загрузка» — выберите заполненную книгу и нажмите «Загрузить и проверить»."
                : "Загрузка: в рабочем месте аудитора, страница «Новая проверка» — выберите заполненную книгу и нажмите «Загрузить и проверить».");
        for (int i = 0; i < lines.size(); i++) {
            Cell c = sh.createRow(i).createCell(0);
            c.setCellValue(lines.get(i));
            if (i == 0) c.setCellStyle(st.title);
        }
        sh.setColumnWidth(0, 150 * 256);
    }

    private void form(Workbook wb, Styles st, SheetSpec.Form f, JsonNode facts) {
        Sheet sh = wb.createSheet(f.name());
        Row title = sh.createRow(0);
        Cell t = title.createCell(0);
        t.setCellValue(f.title());
        t.setCellStyle(st.title);
        sh.addMergedRegion(new CellRangeAddress(0, 0, 0, SheetSpec.Form.HINT_COL));
        Row head = sh.createRow(1);
        String[] names = {"Сведения", "Значение", "Как заполнять"};
        for (int i = 0; i < names.length; i++) {
            Cell c = head.createCell(i);
            c.setCellValue(names[i]);
            c.setCellStyle(st.header);
        }
        Drawing<?> drawing = sh.createDrawingPatriarch();
        for (int i = 0; i < f.lines().size(); i++) {
            SheetSpec.Line line = f.lines().get(i);
            int r = f.rowOf(i);
            Row row = sh.createRow(r);
            Cell label = row.createCell(SheetSpec.Form.LABEL_COL);
            label.setCellValue(line.label());
            if (line.slot() == null) {
                label.setCellStyle(st.section);
                for (int k = 1; k <= SheetSpec.Form.HINT_COL; k++) row.createCell(k).setCellStyle(st.section);
                sh.addMergedRegion(new CellRangeAddress(r, r, 0, SheetSpec.Form.HINT_COL));
                continue;
            }
            Slot slot = line.slot();
            label.setCellStyle(st.label);
            comment(wb, drawing, label, slot);
            Cell hint = row.createCell(SheetSpec.Form.HINT_COL);
            hint.setCellValue(slot.hint());
            hint.setCellStyle(st.hint);
            validate(sh, slot, r, r, SheetSpec.Form.VALUE_COL);
            Cell value = row.createCell(SheetSpec.Form.VALUE_COL);
            value.setCellStyle(st.forType(slot.type()));
            write(row, SheetSpec.Form.VALUE_COL, slot, facts == null ? null : at(facts, slot.keys()), st);
        }
        sh.setColumnWidth(0, 70 * 256);
        sh.setColumnWidth(1, 28 * 256);
        sh.setColumnWidth(2, 60 * 256);
        sh.createFreezePane(0, 2);
    }

    private void table(Workbook wb, Styles st, SheetSpec.Table t, JsonNode facts) {
        Sheet sh = wb.createSheet(t.name());
        Row flagRow = sh.createRow(SheetSpec.Table.FLAG_ROW);
        Cell flagLabel = flagRow.createCell(0);
        flagLabel.setCellValue("Список представлен:");
        flagLabel.setCellStyle(st.label);
        Cell flag = flagRow.createCell(SheetSpec.Table.FLAG_COL);
        flag.setCellStyle(st.input);
        int lastCol = Math.max(t.columns().size() - 1, 3);
        Cell explain = flagRow.createCell(2);
        explain.setCellValue("«да» — список представлен полностью: если строк ниже нет, значит, записей нет"
                + (t.listDescription() != null && t.listDescription().contains("пустой список") ? " (" + emptyMeaning(t.listDescription()) + ")" : "")
                + "; пусто — сведения не представлены.");
        explain.setCellStyle(st.hint);
        if (lastCol > 2) sh.addMergedRegion(new CellRangeAddress(0, 0, 2, lastCol));
        validateList(sh, new String[] {"да", "нет"}, 0, 0, SheetSpec.Table.FLAG_COL);
        Drawing<?> drawing = sh.createDrawingPatriarch();
        Row header = sh.createRow(SheetSpec.Table.HEADER_ROW);
        header.setHeightInPoints(60);
        headerCells(wb, sh, st, drawing, header, t.columns(), t.firstDataRow(), TEMPLATE_LIST_ROWS);
        sh.createFreezePane(0, t.firstDataRow());
        JsonNode list = facts == null ? null : at(facts, t.listKeys());
        if (list == null || !list.isArray()) return;
        flag.setCellValue("да");
        int r = t.firstDataRow();
        for (JsonNode item : list) {
            Row row = sh.createRow(r++);
            for (int c = 0; c < t.columns().size(); c++) {
                Slot slot = t.columns().get(c);
                JsonNode v = slot.keys().isEmpty() ? item : at(item, slot.keys());
                if (slot.type() == Slot.Type.FLAG) {
                    if (v != null && v.isArray()) {
                        boolean has = false;
                        for (JsonNode x : v) has |= x.asText().equals(slot.flagCode());
                        v = BooleanNode.valueOf(has);
                    } else {
                        v = null;
                    }
                }
                write(row, c, slot, v, st);
            }
        }
    }

    /** «пустой список — никто не назначен» → «никто не назначен». */
    private static String emptyMeaning(String description) {
        int i = description.indexOf("пустой список — ");
        String s = description.substring(i + "пустой список — ".length());
        int end = s.length();
        for (String stop : List.of(";", ")", ",")) {
            int k = s.indexOf(stop);
            if (k > 0 && k < end) end = k;
        }
        return s.substring(0, end).strip();
    }

    /** The header row of a tabular sheet: labels, schema descriptions as comments, widths, cell types and the lists. */
    private static void headerCells(Workbook wb, Sheet sh, Styles st, Drawing<?> drawing, Row header, List<Slot> cols,
                                    int firstDataRow, int templateRows) {
        for (int c = 0; c < cols.size(); c++) {
            Slot slot = cols.get(c);
            Cell h = header.createCell(c);
            h.setCellValue(slot.label());
            h.setCellStyle(st.header);
            comment(wb, drawing, h, slot);
            sh.setColumnWidth(c, width(slot) * 256);
            sh.setDefaultColumnStyle(c, st.forType(slot.type()));
            validate(sh, slot, firstDataRow, firstDataRow + templateRows - 1, c);
        }
    }

    private static int width(Slot s) {
        return switch (s.type()) {
            case INTEGER, BOOLEAN, FLAG -> 16;
            case DATE, MONTH -> 14;
            case CHOICE -> 26;
            case TEXT -> 30;
            case DATE_LIST, NAME_LIST, COUNT_LIST -> 36;
        };
    }

    private static void comment(Workbook wb, Drawing<?> drawing, Cell cell, Slot slot) {
        CreationHelper h = wb.getCreationHelper();
        ClientAnchor a = h.createClientAnchor();
        a.setCol1(cell.getColumnIndex() + 1);
        a.setCol2(cell.getColumnIndex() + 5);
        a.setRow1(cell.getRowIndex());
        a.setRow2(cell.getRowIndex() + 7);
        Comment c = drawing.createCellComment(a);
        String text = (slot.description() == null ? slot.label() : slot.description()) + "\nКак заполнять: " + slot.hint() + ".\n" + BLANK_NOTE;
        c.setString(h.createRichTextString(text));
        c.setAuthor("Аудитор");
        cell.setCellComment(c);
    }

    private static void validate(Sheet sh, Slot slot, int firstRow, int lastRow, int col) {
        DataValidationHelper h = sh.getDataValidationHelper();
        DataValidationConstraint constraint;
        boolean strict = false;
        switch (slot.type()) {
            case CHOICE -> {
                validateList(sh, slot.choices().stream().map(Slot.Choice::label).toArray(String[]::new), firstRow, lastRow, col);
                return;
            }
            case BOOLEAN, FLAG -> {
                validateList(sh, new String[] {"да", "нет"}, firstRow, lastRow, col);
                return;
            }
            case INTEGER -> constraint = h.createIntegerConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL,
                    String.valueOf(slot.minimum() == null ? Integer.MIN_VALUE : slot.minimum()), null);
            case DATE -> constraint = h.createDateConstraint(DataValidationConstraint.OperatorType.BETWEEN, "DATE(2000,1,1)", "DATE(2099,12,31)", null);
            default -> {
                return;
            }
        }
        DataValidation v = h.createValidation(constraint, new CellRangeAddressList(firstRow, lastRow, col, col));
        v.setErrorStyle(strict ? DataValidation.ErrorStyle.STOP : DataValidation.ErrorStyle.WARNING);
        v.setShowErrorBox(true);
        v.createErrorBox("Проверьте значение", "Ожидается " + slot.hint() + ".");
        sh.addValidationData(v);
    }

    private static void validateList(Sheet sh, String[] values, int firstRow, int lastRow, int col) {
        DataValidationHelper h = sh.getDataValidationHelper();
        DataValidation v = h.createValidation(h.createExplicitListConstraint(values), new CellRangeAddressList(firstRow, lastRow, col, col));
        v.setErrorStyle(DataValidation.ErrorStyle.STOP);
        v.setShowErrorBox(true);
        v.createErrorBox("Выберите из списка", "Допустимо: " + String.join("; ", values) + ".");
        v.setSuppressDropDownArrow(true); // in XSSF «true» shows the drop-down arrow
        sh.addValidationData(v);
    }

    /** Writes the facts value {@code v} of {@code slot} into a cell (nothing for a missing value). */
    private static void write(Row row, int col, Slot slot, JsonNode v, Styles st) {
        if (v == null || v.isMissingNode() || v.isNull()) return;
        Cell c = row.getCell(col) != null ? row.getCell(col) : row.createCell(col);
        c.setCellStyle(st.forType(slot.type()));
        switch (slot.type()) {
            case INTEGER -> c.setCellValue(v.asLong());
            case BOOLEAN, FLAG -> c.setCellValue(v.asBoolean() ? "да" : "нет");
            case DATE -> c.setCellValue(LocalDate.parse(v.asText()));
            case MONTH -> c.setCellValue(YearMonth.parse(v.asText()).atDay(1));
            case TEXT -> c.setCellValue(v.asText());
            case CHOICE -> c.setCellValue(slot.choices().stream().filter(ch -> ch.code().equals(v.asText())).map(Slot.Choice::label)
                    .findFirst().orElse(v.asText()));
            case DATE_LIST -> c.setCellValue(v.isEmpty() ? "нет" : String.join("; ", stream(v).map(x -> DMY.format(LocalDate.parse(x.asText()))).toList()));
            case NAME_LIST -> {
                Slot name = slot.list().get(0), choice = slot.list().get(1);
                c.setCellValue(v.isEmpty() ? "нет" : String.join("; ", stream(v).map(x -> {
                    JsonNode p = at(x, choice.keys());
                    String label = p == null ? null : choice.choices().stream().filter(ch -> ch.code().equals(p.asText()))
                            .map(Slot.Choice::label).findFirst().orElse(p.asText());
                    return at(x, name.keys()).asText() + (label == null ? "" : " (" + label + ")");
                }).toList()));
            }
            case COUNT_LIST -> {
                Slot name = slot.list().get(0), count = slot.list().get(1);
                c.setCellValue(v.isEmpty() ? "нет" : String.join("; ", stream(v).map(x -> at(x, name.keys()).asText() + ": "
                        + at(x, count.keys()).asText()).toList()));
            }
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    static JsonNode at(JsonNode root, List<String> keys) {
        JsonNode n = root;
        for (String k : keys) {
            if (n == null) return null;
            n = n.get(k);
        }
        return n;
    }

    /** The cell styles of one workbook (a workbook has a limited number of styles: made once, shared). */
    private static final class Styles {
        final CellStyle title, header, group, section, label, hint, input, integer, date, month, text;

        Styles(Workbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 13);
            title = wb.createCellStyle();
            title.setFont(big);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setVerticalAlignment(VerticalAlignment.TOP);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            border(header);
            group = wb.createCellStyle();
            group.cloneStyleFrom(header);
            group.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            section = wb.createCellStyle();
            section.setFont(bold);
            section.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            section.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            label = wb.createCellStyle();
            label.setWrapText(true);
            label.setVerticalAlignment(VerticalAlignment.TOP);
            hint = wb.createCellStyle();
            Font grey = wb.createFont();
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            grey.setItalic(true);
            hint.setFont(grey);
            hint.setWrapText(true);
            hint.setVerticalAlignment(VerticalAlignment.TOP);
            input = wb.createCellStyle();
            input.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            input.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            border(input);
            short textFormat = wb.createDataFormat().getFormat("@");
            integer = derived(wb, input, wb.createDataFormat().getFormat("0"));
            date = derived(wb, input, wb.createDataFormat().getFormat("dd.mm.yyyy"));
            month = derived(wb, input, wb.createDataFormat().getFormat("mm.yyyy"));
            text = derived(wb, input, textFormat);
        }

        private static CellStyle derived(Workbook wb, CellStyle base, short format) {
            CellStyle s = wb.createCellStyle();
            s.cloneStyleFrom(base);
            s.setDataFormat(format);
            return s;
        }

        private static void border(CellStyle s) {
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
        }

        CellStyle forType(Slot.Type t) {
            return switch (t) {
                case INTEGER -> integer;
                case DATE -> date;
                case MONTH -> month;
                case TEXT, DATE_LIST, NAME_LIST, COUNT_LIST -> text;
                default -> input;
            };
        }
    }
}
