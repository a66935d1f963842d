package ru.edu.auditor.formats.documents;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;

/**
 * What every document of this package is made with, written once: the PDF from XHTML (openhtmltopdf with DejaVu Sans
 * embedded from the jar, so Cyrillic and every symbol render on any machine) and the Word file's parts (A4 page, runs
 * in the same font, tables without borders and with fixed widths).
 */
final class DocumentParts {
    /** The embedded font (DejaVu, free license beside it in the jar). */
    static final String FONT = "/fonts/DejaVuSans.ttf";
    static final String FONT_BOLD = "/fonts/DejaVuSans-Bold.ttf";
    static final String FAMILY = "DejaVu Sans";

    static {
        PdfLog.install();
    }

    private DocumentParts() { }

    /** The PDF of an XHTML document whose text is in {@link #FAMILY}. */
    static byte[] pdf(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useFont(() -> font(FONT), FAMILY, 400, FontStyle.NORMAL, true);
            b.useFont(() -> font(FONT_BOLD), FAMILY, 700, FontStyle.NORMAL, true);
            b.withHtmlContent(xhtml, null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static InputStream font(String resource) {
        InputStream in = DocumentParts.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("font resource missing: " + resource);
        return in;
    }

    /** {@code s} as XHTML text: markup escaped, control characters XHTML cannot hold dropped. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t') b.append(ch);
                }
            }
        }
        return b.toString();
    }

    /** An A4 portrait page with these margins (twentieths of a point). */
    static void page(XWPFDocument doc, int topAndBottom, int left, int right) {
        CTSectPr sect = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar mar = sect.addNewPgMar();
        mar.setTop(BigInteger.valueOf(topAndBottom));
        mar.setBottom(BigInteger.valueOf(topAndBottom));
        mar.setLeft(BigInteger.valueOf(left));
        mar.setRight(BigInteger.valueOf(right));
    }

    static void run(XWPFParagraph p, String text, boolean bold, int size) {
        p.setSpacingAfter(40);
        XWPFRun r = p.createRun();
        r.setFontFamily(FAMILY);
        r.setFontSize(size);
        r.setBold(bold);
        r.setText(text == null ? "" : text);
    }

    static void cell(XWPFTableCell cell, String text, boolean bold, int size) {
        run(cell.getParagraphs().get(0), text, bold, size);
    }

    static void noBorders(XWPFTable t) {
        t.setTopBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        t.setBottomBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        t.setLeftBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        t.setRightBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        t.setInsideHBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
        t.setInsideVBorder(XWPFTable.XWPFBorderType.NONE, 0, 0, "auto");
    }

    static void width(XWPFTable t, int total) {
        t.setWidth(String.valueOf(total));
        t.getCTTbl().getTblPr().getTblW().setType(STTblWidth.DXA);
    }

    static void columns(XWPFTable t, int... widths) {
        for (XWPFTableRow r : t.getRows()) {
            if (r.getTableCells().size() != widths.length) continue; // a row spanning the columns keeps the table's width
            for (int i = 0; i < widths.length; i++) r.getCell(i).setWidth(String.valueOf(widths[i]));
        }
    }
}
