package ru.edu.auditor.formats.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The book-wide parts {@link XlsxReader} reads before any sheet — the workbook's date system, the shared strings and
 * the cell styles — each streamed with SAX under the reader's limits, and the refusals those parts share with the
 * sheets (a malformed attribute, a limit passed inside the parser).
 */
final class WorkbookParts {
    private WorkbookParts() { }

    /** A book whose {@code part} holds what Excel never writes: refused as damaged, naming the part and the place. */
    static StopParsing malformed(String part, String where, String what) {
        return new StopParsing(WorkbookRejected.damaged("Книга повреждена: в части «" + part + "» архива " + (where.isEmpty() ? "" : where + " ") + what
                + ". Excel такого не записывает; откройте книгу в Excel, сохраните как «Книга Excel (.xlsx)» и загрузите снова."));
    }

    /** An attribute that must be a whole number from {@code min} to {@code max}, or the refusal naming it. */
    static int number(String value, int min, int max, String part, String where, String attribute) throws StopParsing {
        String v = value.strip();
        if (v.matches("[+-]?[0-9]{1,10}")) {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) return (int) n;
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        throw malformed(part, where, "атрибут " + attribute + "=\"" + shown + "\" — не число от " + min + " до " + max);
    }

    static boolean workbookUses1904(XSSFReader reader) throws IOException, InvalidFormatException, SAXException {
        boolean[] found = {false};
        try (InputStream in = reader.getWorkbookData()) {
            parse(in, new DefaultHandler() {
                @Override public void startElement(String uri, String local, String q, Attributes a) {
                    if ("workbookPr".equals(local)) {
                        String v = a.getValue("date1904");
                        found[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                }
            });
        }
        return found[0];
    }

    static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        XMLReader xml;
        try {
            xml = XMLHelper.newXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        }
        xml.setContentHandler(handler);
        xml.parse(new InputSource(in));
    }

    /** The shared strings, with rich-text runs joined; phonetic runs (rPh) skipped. */
    static List<String> readSharedStrings(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        List<String> out = new ArrayList<>();
        InputStream data;
        try {
            data = reader.getSharedStringsData();
        } catch (InvalidFormatException | IllegalArgumentException e) {
            return out;
        }
        if (data == null) return out;
        try (InputStream in = data) {
            parse(in, new DefaultHandler() {
                final StringBuilder item = new StringBuilder();
                boolean inT;
                int phonetic;
                long total;

                @Override public void startElement(String uri, String local, String q, Attributes a) {
                    switch (local) {
                        case "si" -> item.setLength(0);
                        case "t" -> inT = phonetic == 0;
                        case "rPh" -> phonetic++;
                        default -> { }
                    }
                }

                @Override public void endElement(String uri, String local, String q) throws SAXException {
                    switch (local) {
                        case "si" -> {
                            if (out.size() >= XlsxReader.MAX_SHARED_STRINGS) {
                                throw new StopParsing(WorkbookRejected.tooLarge("В книге больше " + XlsxReader.MAX_SHARED_STRINGS
                                        + " разных строк текста; форма сведений столько не содержит."));
                            }
                            out.add(item.toString());
                        }
                        case "t" -> inT = false;
                        case "rPh" -> phonetic--;
                        default -> { }
                    }
                }

                @Override public void characters(char[] ch, int start, int length) throws SAXException {
                    if (!inT) return;
                    total += length;
                    if (total > XlsxReader.MAX_SHARED_CHARS) {
                        throw new StopParsing(WorkbookRejected.tooLarge("В книге больше " + (XlsxReader.MAX_SHARED_CHARS >> 20)
                                + " млн знаков текста; форма сведений столько не содержит."));
                    }
                    if (item.length() + length > XlsxReader.MAX_CELL_CHARS) {
                        throw new StopParsing(WorkbookRejected.tooLarge("Строка текста № " + (out.size() + 1) + " в части «xl/sharedStrings.xml»"
                                + " длиннее " + XlsxReader.MAX_CELL_CHARS + " знаков — больше, чем вмещает ячейка Excel."));
                    }
                    item.append(ch, start, length);
                }
            });
        } catch (StopParsing e) {
            throw e;
        }
        return out;
    }

    static final String STYLES = "xl/styles.xml";

    /** Which cell styles show numbers as dates (from numFmts and cellXfs of styles.xml). */
    static Styles readStyles(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        Map<Integer, String> custom = new HashMap<>();
        List<Integer> xfFormats = new ArrayList<>();
        InputStream data;
        try {
            data = reader.getStylesData();
        } catch (InvalidFormatException | IllegalArgumentException e) {
            return new Styles(new boolean[0]);
        }
        if (data == null) return new Styles(new boolean[0]);
        try (InputStream in = data) {
            parse(in, new DefaultHandler() {
                boolean inCellXfs;

                @Override public void startElement(String uri, String local, String q, Attributes a) throws SAXException {
                    if ("numFmt".equals(local)) {
                        String id = a.getValue("numFmtId");
                        if (id == null) return; // a format without a number is never used by a cell
                        if (custom.size() >= XlsxReader.MAX_STYLES) throw malformed(STYLES, "", "больше " + XlsxReader.MAX_STYLES + " форматов чисел");
                        String code = a.getValue("formatCode");
                        if (code != null && code.length() > XlsxReader.MAX_CELL_CHARS) throw malformed(STYLES, "", "формат числа длиннее " + XlsxReader.MAX_CELL_CHARS + " знаков");
                        custom.put(number(id, 0, Integer.MAX_VALUE, STYLES, "у формата числа (numFmt)", "numFmtId"), code);
                    } else if ("cellXfs".equals(local)) {
                        inCellXfs = true;
                    } else if ("xf".equals(local) && inCellXfs) {
                        if (xfFormats.size() >= XlsxReader.MAX_STYLES) throw malformed(STYLES, "", "больше " + XlsxReader.MAX_STYLES + " стилей ячеек");
                        String id = a.getValue("numFmtId");
                        xfFormats.add(id == null ? 0 : number(id, 0, Integer.MAX_VALUE, STYLES, "у стиля ячеек № " + xfFormats.size() + " (xf)", "numFmtId"));
                    }
                }

                @Override public void endElement(String uri, String local, String q) {
                    if ("cellXfs".equals(local)) inCellXfs = false;
                }
            });
        }
        boolean[] date = new boolean[xfFormats.size()];
        for (int i = 0; i < date.length; i++) {
            int id = xfFormats.get(i);
            String code = custom.containsKey(id) ? custom.get(id) : BuiltinFormats.getBuiltinFormat(id);
            date[i] = code != null && DateUtil.isADateFormat(id, code);
        }
        return new Styles(date);
    }

    record Styles(boolean[] date) {
        boolean isDate(int style) { return style >= 0 && style < date.length && date[style]; }
    }

    /** Thrown inside SAX to stop at a limit; carries the answer out of the parser. */
    static final class StopParsing extends SAXException {
        final transient WorkbookRejected rejected;

        StopParsing(WorkbookRejected rejected) {
            super(rejected.getMessage());
            this.rejected = rejected;
        }
    }
}
