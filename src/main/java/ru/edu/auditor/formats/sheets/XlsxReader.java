package ru.edu.auditor.formats.sheets;

import static ru.edu.auditor.formats.sheets.WorkbookParts.malformed;
import static ru.edu.auditor.formats.sheets.WorkbookParts.number;
import static ru.edu.auditor.formats.sheets.WorkbookParts.parse;
import static ru.edu.auditor.formats.sheets.WorkbookParts.workbookUses1904;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import ru.edu.auditor.formats.sheets.WorkbookParts.StopParsing;
import ru.edu.auditor.formats.sheets.WorkbookParts.Styles;

/**
 * Reads an uploaded .xlsx as a stream of rows (SAX over the sheet XML, nothing held but the current row), within
 * fixed limits, so a district sheet of 10,000 rows reads in constant memory and a hostile file is refused early
 * with a {@link WorkbookRejected}:
 * <ul>
 *   <li>the file: at most {@link #MAX_FILE_BYTES}; a zip (an old .xls or a password-protected book is refused as an unsupported format);</li>
 *   <li>zip bombs: POI's {@link ZipSecureFile} refuses a part that inflates more than {@link #MAX_INFLATE_FACTOR} times
 *       its packed size or beyond {@link #MAX_PART_BYTES}, and a package of more than {@link #MAX_PARTS} parts;</li>
 *   <li>text: the shared strings of the book at most {@link #MAX_SHARED_CHARS} characters in all and
 *       {@link #MAX_SHARED_STRINGS} strings; one cell (shared, inline or a stored value) at most {@link #MAX_CELL_CHARS}
 *       characters, Excel's own limit, a formula at most {@link #MAX_FORMULA_CHARS}; each refused as soon as the
 *       limit is passed, so memory stays bounded whatever the book holds;</li>
 *   <li>structure: row numbers, cell references, style numbers and number formats must be what Excel writes (rows
 *       1…{@value #MAX_ROW}, columns A…XFD, at most {@link #MAX_STYLES} styles); anything else is refused as a
 *       damaged book naming the part and the cell;</li>
 *   <li>rows: each read sheet at most the number of rows the caller allows (rows with a value; empty formatted rows do not count);</li>
 *   <li>external links: a book that links to other files is refused (its values came from outside the form);</li>
 *   <li>formulas: never evaluated; the result Excel stored with the formula is the value, a formula without one is a cell error.</li>
 * </ul>
 * XML is parsed with POI's hardened parser (no DTDs, no external entities).
 */
public final class XlsxReader implements Closeable {
    public static final long MAX_FILE_BYTES = 20L << 20;
    public static final long MAX_PART_BYTES = 256L << 20;
    public static final int MAX_INFLATE_FACTOR = 100;
    public static final int MAX_PARTS = 1000;
    public static final int MAX_SHARED_CHARS = 8 << 20;
    /** Distinct texts of a book: a district form of {@link DistrictReader#MAX_ROWS} rows needs a few per row. */
    public static final int MAX_SHARED_STRINGS = 1_000_000;
    /** The most characters an Excel cell holds. */
    public static final int MAX_CELL_CHARS = 32_767;
    /** The longest formula Excel writes. */
    public static final int MAX_FORMULA_CHARS = 8_192;
    /** Excel's last row and column (XFD) and its most cell formats. */
    public static final int MAX_ROW = 1_048_576, MAX_COLUMNS = 16_384, MAX_STYLES = 65_536;
    private static final Pattern CELL_REF = Pattern.compile("\\$?([A-Z]{1,3})\\$?([0-9]{1,7})");
    private static final Pattern EXTERNAL_LINK_PART = Pattern.compile("/xl/externalLinks/.*", Pattern.CASE_INSENSITIVE);

    static {
        ZipSecureFile.setMinInflateRatio(1.0 / MAX_INFLATE_FACTOR);
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
        ZipSecureFile.setMaxFileCount(MAX_PARTS);
    }

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final List<String> sheetNames;
    private List<String> shared;
    private Styles styles;
    private boolean date1904;

    private XlsxReader(OPCPackage pkg, XSSFReader reader, List<String> sheetNames) {
        this.pkg = pkg;
        this.reader = reader;
        this.sheetNames = sheetNames;
    }

    /** Receives the non-empty cells of each row that has any, in order. */
    @FunctionalInterface
    public interface RowHandler {
        void row(int row, List<RawCell> cells) throws WorkbookRejected;
    }

    /** Opens {@code file} (an upload spooled to disk: zip parts are then read one at a time, never the whole book). */
    public static XlsxReader open(Path file) throws WorkbookRejected {
        long size;
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw WorkbookRejected.damaged("Файл не удалось прочитать.");
        }
        if (size > MAX_FILE_BYTES) {
            throw WorkbookRejected.tooLarge("Файл больше " + (MAX_FILE_BYTES >> 20) + " МиБ. Книга с формой сведений района на 10 000 организаций"
                    + " занимает несколько мегабайт; уберите из книги лишние листы и рисунки или разделите её.");
        }
        if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0) {
            throw new WorkbookRejected(WorkbookRejected.Reason.UNSUPPORTED_FORMAT, "Это книга старого формата Excel 97–2003 (.xls) или книга, защищённая паролем."
                    + " Откройте её в Excel, снимите пароль, если он есть, и сохраните как «Книга Excel (.xlsx)».");
        }
        if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw WorkbookRejected.damaged("Файл не является книгой Excel (.xlsx): это не zip-архив Office Open XML."
                    + " Сохраните форму в Excel как «Книга Excel (.xlsx)».");
        }
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            if (!pkg.getPartsByName(EXTERNAL_LINK_PART).isEmpty()) {
                throw new WorkbookRejected(WorkbookRejected.Reason.EXTERNAL_LINKS, "В книге есть внешние связи: часть значений взята из других файлов"
                        + " и в этой форме не подтверждена. Разорвите связи (Данные → Изменить связи → Разорвать связь), сохраните и загрузите снова.");
            }
            XSSFReader reader = new XSSFReader(pkg);
            List<String> names = new ArrayList<>();
            XSSFReader.SheetIterator it = reader.getSheetIterator();
            while (it.hasNext()) {
                try (InputStream ignored = it.next()) {
                    names.add(it.getSheetName());
                }
            }
            XlsxReader r = new XlsxReader(pkg, reader, List.copyOf(names));
            r.date1904 = workbookUses1904(reader);
            return r;
        } catch (WorkbookRejected e) {
            closeQuietly(pkg);
            throw e;
        } catch (IOException | SAXException | OpenXML4JException | OpenXML4JRuntimeException | IllegalStateException
                 | IllegalArgumentException | POIXMLException e) {
            closeQuietly(pkg);
            throw translate(e);
        }
    }

    public List<String> sheetNames() { return sheetNames; }

    /**
     * Streams the rows of sheet {@code name} to {@code handler}; more than {@code maxDataRows} rows with a value
     * below the {@code headerRows} of the form is a {@link WorkbookRejected} ({@code TOO_LARGE}) raised as soon as the row past the
     * limit is met.
     */
    public void read(String name, int maxDataRows, int headerRows, RowHandler handler) throws WorkbookRejected {
        try {
            if (shared == null) shared = WorkbookParts.readSharedStrings(reader);
            if (styles == null) styles = WorkbookParts.readStyles(reader);
            XSSFReader.SheetIterator it = reader.getSheetIterator();
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    if (!it.getSheetName().equals(name)) continue;
                    parse(in, new SheetHandler(name, partName(it), maxDataRows, headerRows, handler));
                    return;
                }
            }
            throw new IllegalArgumentException("no sheet " + name);
        } catch (StopParsing e) {
            throw e.rejected;
        } catch (IOException | OpenXML4JException | OpenXML4JRuntimeException | SAXException | POIXMLException e) {
            throw translate(e);
        }
    }

    @Override public void close() { closeQuietly(pkg); }

    /** «xl/worksheets/sheet2.xml»: the part of the archive a message names. */
    private static String partName(XSSFReader.SheetIterator it) {
        try {
            return it.getSheetPart().getPartName().getName().replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return "лист «" + it.getSheetName() + "»";
        }
    }

    private static void closeQuietly(OPCPackage pkg) {
        if (pkg == null) return;
        try {
            pkg.revert(); // opened read-only: close without writing anything back
        } catch (RuntimeException ignored) {
            // nothing to release beyond what revert already did
        }
    }

    /** POI's reasons, in Russian and without class names. */
    static WorkbookRejected translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb") || m.contains("max size of the expanded") || m.contains("exceeds the max entry size")) {
                return WorkbookRejected.tooLarge("Книга похожа на zip-бомбу: часть архива распаковывается больше чем в " + MAX_INFLATE_FACTOR
                        + " раз или больше " + (MAX_PART_BYTES >> 20) + " МиБ. Такие книги не читаются; сохраните форму в Excel заново.");
            }
            if (m.contains("max file count") || m.contains("MAX_FILE_COUNT") || m.contains("more internal file entries than expected")) {
                return WorkbookRejected.tooLarge("В архиве книги больше " + MAX_PARTS + " частей; форма сведений столько не содержит.");
            }
        }
        if (e instanceof UnsupportedFileFormatException || String.valueOf(e.getMessage()).contains("content type part")) {
            return WorkbookRejected.damaged("Файл не является книгой Excel (.xlsx): в архиве нет книги Office Open XML."
                    + " Сохраните форму в Excel как «Книга Excel (.xlsx)».");
        }
        return WorkbookRejected.damaged("Книга повреждена и не читается. Откройте её в Excel, сохраните как «Книга Excel (.xlsx)» и загрузите снова.");
    }


    /** The date of an Excel serial number in this book's date system. */
    LocalDate date(double serial) {
        return DateUtil.getLocalDateTime(serial, date1904).toLocalDate();
    }

    private final class SheetHandler extends DefaultHandler {
        private final String sheet;
        private final String part;
        private final int maxDataRows;
        private final int headerRows;
        private final RowHandler handler;
        private final List<RawCell> cells = new ArrayList<>();
        private final StringBuilder value = new StringBuilder();
        private final StringBuilder formulaText = new StringBuilder();
        private int rows;
        private int row = -1;
        private int col = -1;
        private String type;
        private int style;
        private boolean hasValue;
        private boolean hasFormula;
        private boolean inValue;
        private boolean inFormula;
        private boolean inInlineText;

        SheetHandler(String sheet, String part, int maxDataRows, int headerRows, RowHandler handler) {
            this.sheet = sheet;
            this.part = part;
            this.maxDataRows = maxDataRows;
            this.headerRows = headerRows;
            this.handler = handler;
        }

        @Override public void startElement(String uri, String local, String q, Attributes a) throws SAXException {
            switch (local) {
                case "row" -> {
                    String r = a.getValue("r");
                    row = r == null ? row + 1 : number(r, 1, MAX_ROW, part, "(лист «" + sheet + "») у " + (row < 0 ? "первой строки" : "строки, следующей за строкой " + (row + 1)), "r") - 1;
                    if (row >= MAX_ROW) throw malformed(part, "(лист «" + sheet + "»)", "строк больше, чем их бывает в Excel (" + MAX_ROW + ")");
                    col = -1;
                    cells.clear();
                }
                case "c" -> {
                    String r = a.getValue("r");
                    if (r == null) {
                        col++;
                    } else {
                        Matcher m = CELL_REF.matcher(r.strip());
                        int refRow = m.matches() ? Integer.parseInt(m.group(2)) - 1 : -1;
                        col = m.matches() ? CellReference.convertColStringToIndex(m.group(1)) : -1;
                        if (col < 0 || col >= MAX_COLUMNS || refRow != row) {
                            String shown = r.length() > 40 ? r.substring(0, 40) + "…" : r;
                            throw malformed(part, "(лист «" + sheet + "») в строке " + (row + 1) + " у ячейки", "ссылка r=\"" + shown
                                    + "\" — не ячейка этой строки (столбцы A…XFD)");
                        }
                    }
                    if (col >= MAX_COLUMNS) throw malformed(part, "(лист «" + sheet + "») в строке " + (row + 1), "ячеек больше, чем столбцов в Excel");
                    type = a.getValue("t");
                    String s = a.getValue("s");
                    style = s == null ? 0 : number(s, 0, MAX_STYLES, part, "у ячейки " + RawCell.address(sheet, row, col), "s");
                    value.setLength(0);
                    formulaText.setLength(0);
                    hasValue = false;
                    hasFormula = false;
                }
                case "v" -> {
                    inValue = true;
                    hasValue = true;
                }
                case "f" -> {
                    inFormula = true;
                    hasFormula = true;
                }
                case "t" -> {
                    if ("inlineStr".equals(type)) {
                        inInlineText = true;
                        hasValue = true;
                    }
                }
                default -> { }
            }
        }

        @Override public void characters(char[] ch, int start, int length) throws SAXException {
            if (inValue || inInlineText) {
                if (value.length() + length > MAX_CELL_CHARS) {
                    throw new StopParsing(WorkbookRejected.tooLarge("В ячейке " + RawCell.address(sheet, row, col) + " (часть «" + part
                            + "») больше " + MAX_CELL_CHARS + " знаков — больше, чем вмещает ячейка Excel; такая книга не читается."));
                }
                value.append(ch, start, length);
            } else if (inFormula) {
                if (formulaText.length() + length > MAX_FORMULA_CHARS) {
                    throw new StopParsing(WorkbookRejected.tooLarge("Формула в ячейке " + RawCell.address(sheet, row, col) + " (часть «" + part
                            + "») длиннее " + MAX_FORMULA_CHARS + " знаков — длиннее, чем бывает в Excel; такая книга не читается."));
                }
                formulaText.append(ch, start, length);
            }
        }

        @Override public void endElement(String uri, String local, String q) throws SAXException {
            switch (local) {
                case "v" -> inValue = false;
                case "t" -> inInlineText = false;
                case "f" -> inFormula = false;
                case "c" -> cell();
                case "row" -> {
                    if (cells.isEmpty()) return;
                    if (row >= headerRows && ++rows > maxDataRows) {
                        throw new StopParsing(WorkbookRejected.tooLarge("На листе «" + sheet + "» больше " + maxDataRows
                                + " заполненных строк — больше, чем допускает форма. Разделите данные на несколько книг."));
                    }
                    try {
                        handler.row(row, List.copyOf(cells));
                    } catch (WorkbookRejected e) {
                        throw new StopParsing(e);
                    }
                }
                default -> { }
            }
        }

        private void cell() throws SAXException {
            if (hasFormula && formulaText.toString().matches("(?s).*\\[\\d+\\].*")) {
                throw new StopParsing(new WorkbookRejected(WorkbookRejected.Reason.EXTERNAL_LINKS, "Формула в ячейке "
                        + RawCell.address(sheet, row, col) + " берёт значение из другого файла. Замените формулы значениями"
                        + " (Копировать → Вставить значения) и загрузите снова."));
            }
            if (!hasValue) {
                if (hasFormula) cells.add(new RawCell(row, col, RawCell.Kind.FORMULA_WITHOUT_VALUE, "", 0, false, true));
                return;
            }
            String v = value.toString();
            String t = type == null ? "n" : type;
            RawCell c;
            switch (t) {
                case "s" -> {
                    int i;
                    try {
                        i = Integer.parseInt(v.strip());
                    } catch (NumberFormatException e) {
                        throw new StopParsing(WorkbookRejected.damaged("Ячейка " + RawCell.address(sheet, row, col) + " ссылается на несуществующую строку текста: книга повреждена."));
                    }
                    if (i < 0 || i >= shared.size()) {
                        throw new StopParsing(WorkbookRejected.damaged("Ячейка " + RawCell.address(sheet, row, col) + " ссылается на несуществующую строку текста: книга повреждена."));
                    }
                    c = text(shared.get(i));
                }
                case "inlineStr", "str" -> c = text(v);
                case "b" -> c = new RawCell(row, col, RawCell.Kind.BOOLEAN, v.strip(), 0, false, hasFormula);
                case "e" -> c = new RawCell(row, col, RawCell.Kind.ERROR, v.strip(), 0, false, hasFormula);
                case "d" -> c = text(v); // ISO 8601 date text (strict OOXML); read as typed text
                default -> {
                    try {
                        c = new RawCell(row, col, RawCell.Kind.NUMBER, v.strip(), Double.parseDouble(v.strip()), styles.isDate(style), hasFormula);
                    } catch (NumberFormatException e) {
                        c = text(v);
                    }
                }
            }
            if (c != null) cells.add(c);
        }

        /** A text cell, or nothing when it holds only spaces (a blank cell is «не представлено»). */
        private RawCell text(String v) {
            if (Cells.strip(v).isEmpty()) return null;
            return new RawCell(row, col, RawCell.Kind.TEXT, v, 0, false, hasFormula);
        }
    }
}
