package ru.edu.auditor.formats.documents;

import static ru.edu.auditor.formats.documents.DocumentParts.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import ru.edu.auditor.report.RemedyOrder;

/**
 * The remedy order as documents an auditor signs and sends, made the way the act is ({@link ActDocuments}): a PDF
 * (XHTML laid out by openhtmltopdf with DejaVu Sans embedded from the jar) and an editable Word file (Apache POI
 * XWPF), both from the one model {@link RemedyOrder}, so they carry the same words in the same order.
 */
public final class RemedyOrderDocuments {

    private RemedyOrderDocuments() { }

    public static byte[] pdf(RemedyOrder order) { return DocumentParts.pdf(xhtml(order)); }



    static String xhtml(RemedyOrder o) {
        StringBuilder h = new StringBuilder(8_192);
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ru\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(esc(o.title())).append("</title><style>")
                .append("@page { size: A4; margin: 15mm 12mm 15mm 20mm; }")
                .append("body { font-family: '").append(FAMILY).append("'; font-size: 9.5pt; line-height: 1.25; }")
                .append("h1 { font-size: 13pt; text-align: center; margin: 0 0 1mm 0; } p.dated { text-align: center; margin: 0 0 4mm 0; }")
                .append("p { margin: 0 0 2mm 0; }")
                .append("table { border-collapse: collapse; width: 100%; }")
                .append("table.head td { padding: 0.5mm 1mm; vertical-align: top; } table.head td.k { width: 32%; color: #333; }")
                .append("table.points th, table.points td { border: 0.5pt solid #777; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }")
                .append("table.points th { background: #eee; } table.points tr { page-break-inside: avoid; } td.n { width: 6%; } td.r { width: 44%; }")
                .append("table.sign { margin-top: 6mm; page-break-inside: avoid; border-collapse: separate; border-spacing: 4mm 0; } table.sign td { padding: 0 2mm; vertical-align: bottom; }")
                .append("table.sign td.line { border-bottom: 0.5pt solid #000; height: 8mm; } table.sign td.cap { font-size: 7pt; text-align: center; vertical-align: top; }")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(o.title())).append("</h1><p class=\"dated\">").append(esc(o.dated())).append("</p>");
        h.append("<table class=\"head\">");
        for (String[] row : o.header()) h.append("<tr><td class=\"k\">").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td></tr>");
        h.append("</table><p style=\"margin-top: 3mm;\">").append(esc(o.intro())).append("</p>");
        h.append("<table class=\"points\"><thead><tr>");
        for (String c : RemedyOrder.COLUMNS) h.append("<th>").append(esc(c)).append("</th>");
        h.append("</tr></thead><tbody>");
        int n = 0;
        for (RemedyOrder.Point p : o.points()) {
            h.append("<tr><td class=\"n\">").append(++n).append("</td><td class=\"r\">").append(esc(RemedyOrder.requirement(p)))
                    .append("</td><td>").append(esc(RemedyOrder.found(p))).append("</td></tr>");
        }
        h.append("</tbody></table><p style=\"margin-top: 3mm;\">").append(esc(o.demand())).append("</p>");
        h.append("<table class=\"sign\">");
        signature(h, o.signedCaption(), o.signerPosition(), o.signerName());
        signature(h, o.receivedCaption(), "", "");
        h.append("</table></body></html>");
        return h.toString();
    }

    private static void signature(StringBuilder h, String caption, String position, String name) {
        h.append("<tr><td colspan=\"4\" style=\"padding-top: 5mm;\">").append(esc(caption + ":")).append("</td></tr><tr>");
        h.append("<td class=\"line\">").append(esc(position)).append("</td><td class=\"line\"></td><td class=\"line\">").append(esc(name))
                .append("</td><td class=\"line\"></td></tr><tr>");
        for (String cap : RemedyOrder.SIGNATURE_BLANKS) h.append("<td class=\"cap\">").append(esc("(" + cap + ")")).append("</td>");
        h.append("</tr>");
    }


    public static byte[] docx(RemedyOrder o) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page(doc, 850, 1134, 680);
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, o.title(), true, 13);
            XWPFParagraph dated = doc.createParagraph();
            dated.setAlignment(ParagraphAlignment.CENTER);
            run(dated, o.dated(), false, 10);
            XWPFTable head = doc.createTable(1, 2);
            noBorders(head);
            for (String[] row : o.header()) {
                XWPFTableRow r = head.createRow();
                cell(r.getCell(0), row[0], false, 10);
                cell(r.getCell(1), row[1], false, 10);
            }
            head.removeRow(0);
            width(head, 10000);
            XWPFParagraph intro = doc.createParagraph();
            intro.setSpacingBefore(160);
            run(intro, o.intro(), false, 10);
            XWPFTable t = doc.createTable(1, 3);
            XWPFTableRow hr = t.createRow();
            for (int i = 0; i < RemedyOrder.COLUMNS.size(); i++) cell(hr.getCell(i), RemedyOrder.COLUMNS.get(i), true, 9);
            hr.setRepeatHeader(true);
            int n = 0;
            for (RemedyOrder.Point p : o.points()) {
                XWPFTableRow r = t.createRow();
                r.setCantSplitRow(true);
                cell(r.getCell(0), String.valueOf(++n), false, 9);
                cell(r.getCell(1), RemedyOrder.requirement(p), false, 9);
                cell(r.getCell(2), RemedyOrder.found(p), false, 9);
            }
            t.removeRow(0);
            width(t, 10000);
            for (XWPFTableRow r : t.getRows()) {
                r.getCell(0).setWidth("600");
                r.getCell(1).setWidth("4400");
                r.getCell(2).setWidth("5000");
            }
            XWPFParagraph demand = doc.createParagraph();
            demand.setSpacingBefore(160);
            run(demand, o.demand(), false, 10);
            XWPFTable sign = doc.createTable(1, 4);
            noBorders(sign);
            signature(sign, o.signedCaption(), o.signerPosition(), o.signerName());
            signature(sign, o.receivedCaption(), "", "");
            sign.removeRow(0);
            width(sign, 10000);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signature(XWPFTable sign, String caption, String position, String name) {
        XWPFTableRow who = sign.createRow();
        while (who.getTableCells().size() < 4) who.addNewTableCell();
        cell(who.getCell(0), caption + ":", false, 10);
        who.getCell(0).getCTTc().addNewTcPr().addNewGridSpan().setVal(BigInteger.valueOf(4));
        for (int i = 3; i >= 1; i--) who.removeCell(i);
        XWPFTableRow blanks = sign.createRow();
        while (blanks.getTableCells().size() < 4) blanks.addNewTableCell();
        String[] filled = {position, "", name, ""};
        for (int i = 0; i < 4; i++) {
            XWPFTableCell c = blanks.getCell(i);
            cell(c, filled[i], false, 10);
            CTBorder line = c.getCTTc().addNewTcPr().addNewTcBorders().addNewBottom();
            line.setVal(STBorder.SINGLE);
            line.setSz(BigInteger.valueOf(6));
            c.setWidth("2500");
        }
        XWPFTableRow caps = sign.createRow();
        while (caps.getTableCells().size() < 4) caps.addNewTableCell();
        for (int i = 0; i < 4; i++) {
            cell(caps.getCell(i), "(" + RemedyOrder.SIGNATURE_BLANKS.get(i) + ")", false, 7);
            caps.getCell(i).getParagraphs().get(0).setAlignment(ParagraphAlignment.CENTER);
        }
    }





}
