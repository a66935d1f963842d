package ru.edu.auditor.formats.documents;

import static ru.edu.auditor.formats.documents.DocumentParts.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import ru.edu.auditor.report.Act;

/**
 * The act as documents an auditor signs and sends: a PDF (XHTML laid out by openhtmltopdf, DejaVu Sans embedded from
 * the jar, so Cyrillic and the verdict symbols print on any machine) and an editable Word file (paragraphs and
 * tables, Apache POI XWPF) carrying the same words in the same order.
 */
public final class ActDocuments {
    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** The embedded font (DejaVu, free license beside it in the jar). */
    public static final String FONT = DocumentParts.FONT;
    public static final String FONT_BOLD = DocumentParts.FONT_BOLD;

    private ActDocuments() { }

    // ------------------------------------------------------------------------------------------- PDF

    public static byte[] pdf(Act act) { return DocumentParts.pdf(xhtml(act)); }



    /** The act as XHTML for the PDF. */
    static String xhtml(Act act) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ru\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(esc(act.title())).append("</title><style>")
                .append("@page { size: A4; margin: 12mm 10mm 12mm 16mm; }")
                .append("body { font-family: '").append(FAMILY).append("'; font-size: 8.2pt; line-height: 1.18; }")
                .append("h1 { font-size: 12pt; text-align: center; margin: 0 0 2mm 0; }")
                .append("h2 { font-size: 10pt; margin: 4mm 0 1mm 0; page-break-after: avoid; }")
                .append("p { margin: 0 0 1mm 0; }")
                .append("table { border-collapse: collapse; width: 100%; }")
                .append("table.head td { padding: 0.4mm 1mm; vertical-align: top; } table.head td.k { width: 34%; color: #333; }")
                .append("table.clauses th, table.clauses td { border: 0.5pt solid #777; padding: 0.6mm 1.2mm; vertical-align: top; text-align: left; }")
                .append("table.clauses th { background: #eee; } table.clauses tr { page-break-inside: avoid; }")
                .append("td.n { width: 9%; } td.v { width: 15%; } td.d { width: 11%; }")
                .append(".q { font-size: 7.4pt; color: #333; margin-bottom: 0.6mm; } .f { font-size: 7.4pt; margin-top: 0.6mm; }")
                .append("ul { margin: 0 0 1mm 0; padding-left: 5mm; } li { margin-bottom: 0.6mm; }")
                .append("table.sign { margin-top: 3mm; page-break-inside: avoid; border-collapse: separate; border-spacing: 4mm 0; } table.sign td { padding: 0 2mm; vertical-align: bottom; }")
                .append("table.sign td.line { border-bottom: 0.5pt solid #000; height: 7mm; } table.sign td.cap { font-size: 7pt; text-align: center; vertical-align: top; }")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(act.title())).append("</h1>");
        h.append("<table class=\"head\">");
        for (String[] row : header(act)) h.append("<tr><td class=\"k\">").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td></tr>");
        h.append("</table>");
        for (Act.Decree d : act.applicable()) {
            h.append("<h2>").append(esc(d.document())).append("</h2>");
            if (d.title() != null) h.append("<p>").append(esc(d.title())).append("</p>");
            h.append("<p>").append(esc(decreeVerdict(d))).append("</p>");
            h.append("<table class=\"clauses\"><thead><tr>");
            for (String c : Act.COLUMNS) h.append("<th>").append(esc(c)).append("</th>");
            h.append("</tr></thead><tbody>");
            for (Act.Clause c : d.clauses()) {
                h.append("<tr><td class=\"n\">").append(esc(clauseNumber(c))).append("</td><td class=\"v\">").append(esc(verdict(c)))
                        .append("</td><td>");
                if (c.quote() != null) h.append("<div class=\"q\">").append(esc(c.quote())).append("</div>");
                if (c.explanation() != null) h.append("<div>").append(esc(c.explanation())).append("</div>");
                if (!c.facts().isEmpty()) h.append("<div class=\"f\">").append(esc(facts(c))).append("</div>");
                h.append("</td><td class=\"d\">").append(esc(c.deadline())).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        if (!act.notApplicable().isEmpty()) {
            h.append("<h2>").append(esc(notApplicableHeading())).append("</h2><ul>");
            for (Act.NotApplicable n : act.notApplicable()) h.append("<li>").append(esc(notApplicableLine(n))).append("</li>");
            h.append("</ul>");
        }
        h.append("<table class=\"sign\">");
        for (Act.Signature s : act.signatures()) {
            h.append("<tr><td colspan=\"4\" style=\"padding-top: 4mm;\">").append(esc(s.role() + ":")).append("</td></tr><tr>");
            for (int i = 0; i < Act.SIGNATURE_BLANKS.size(); i++) h.append("<td class=\"line\"></td>");
            h.append("</tr><tr>");
            for (String cap : Act.SIGNATURE_BLANKS) h.append("<td class=\"cap\">").append(esc("(" + cap + ")")).append("</td>");
            h.append("</tr>");
        }
        h.append("</table></body></html>");
        return h.toString();
    }

    // ------------------------------------------------------------------------------------------- the words both share

    static List<String[]> header(Act act) {
        return List.of(
                new String[] {"Организация", act.organization() + (act.organizationKind() == null ? "" : " (" + act.organizationKind() + ")")},
                new String[] {"Муниципальное образование", act.municipality()},
                new String[] {"Вердикты вынесены на дату", act.judgedOn() == null ? "—" : act.judgedOn()},
                new String[] {"Дата проверки", act.auditedOn() == null ? "—" : act.auditedOn()},
                new String[] {"Проверка №", act.auditNumber()},
                new String[] {"Версия правил", act.rulesVersion()},
                new String[] {"Итог", act.overall()});
    }

    static String decreeVerdict(Act.Decree d) { return "Итог по решению: " + d.verdict() + "."; }

    static String clauseNumber(Act.Clause c) { return "п. " + c.number(); }

    static String verdict(Act.Clause c) { return c.symbol() + " " + c.verdict(); }

    static String facts(Act.Clause c) {
        StringBuilder s = new StringBuilder("Сведения: ");
        for (int i = 0; i < c.facts().size(); i++) {
            Act.Fact f = c.facts().get(i);
            if (i > 0) s.append("; ");
            s.append(f.label()).append(" — ").append(f.value());
        }
        return s.append('.').toString();
    }

    static String notApplicableHeading() { return "Решения, которые на организацию не распространяются"; }

    static String notApplicableLine(Act.NotApplicable n) { return n.document() + " — " + n.reason(); }


    // ------------------------------------------------------------------------------------------- Word

    public static byte[] docx(Act act) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page(doc, 794, 907, 680);
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, act.title(), true, 12);
            XWPFTable head = doc.createTable(1, 2);
            noBorders(head);
            for (String[] row : header(act)) {
                XWPFTableRow r = head.createRow();
                cell(r.getCell(0), row[0], false, 9);
                cell(r.getCell(1), row[1], false, 9);
            }
            head.removeRow(0); // the placeholder row every new table starts with: its cell count made the rows'
            width(head, 10300);
            for (Act.Decree d : act.applicable()) {
                XWPFParagraph h = doc.createParagraph();
                h.setSpacingBefore(200);
                h.setKeepNext(true);
                run(h, d.document(), true, 10);
                if (d.title() != null) run(doc.createParagraph(), d.title(), false, 9);
                run(doc.createParagraph(), decreeVerdict(d), false, 9);
                XWPFTable t = doc.createTable(1, 4);
                XWPFTableRow hr = t.createRow();
                for (int i = 0; i < Act.COLUMNS.size(); i++) cell(hr.getCell(i), Act.COLUMNS.get(i), true, 8);
                hr.setRepeatHeader(true);
                for (Act.Clause c : d.clauses()) {
                    XWPFTableRow r = t.createRow();
                    r.setCantSplitRow(true);
                    cell(r.getCell(0), clauseNumber(c), false, 8);
                    cell(r.getCell(1), verdict(c), false, 8);
                    XWPFTableCell body = r.getCell(2);
                    boolean first = true;
                    for (String part : new String[] {c.quote(), c.explanation(), c.facts().isEmpty() ? null : facts(c)}) {
                        if (part == null) continue;
                        XWPFParagraph p = first ? body.getParagraphs().get(0) : body.addParagraph();
                        run(p, part, false, part == c.explanation() ? 8 : 7);
                        first = false;
                    }
                    cell(r.getCell(3), c.deadline(), false, 8);
                }
                t.removeRow(0);
                width(t, 10300);
                columns(t, 800, 1500, 6900, 1100);
            }
            if (!act.notApplicable().isEmpty()) {
                XWPFParagraph h = doc.createParagraph();
                h.setSpacingBefore(200);
                run(h, notApplicableHeading(), true, 10);
                for (Act.NotApplicable n : act.notApplicable()) run(doc.createParagraph(), "• " + notApplicableLine(n), false, 9);
            }
            XWPFTable sign = doc.createTable(1, 4);
            noBorders(sign);
            for (Act.Signature s : act.signatures()) {
                XWPFTableRow who = sign.createRow();
                cell(who.getCell(0), s.role() + ":", false, 9);
                who.getCell(0).getCTTc().addNewTcPr().addNewGridSpan().setVal(BigInteger.valueOf(4));
                for (int i = 3; i >= 1; i--) who.removeCell(i);
                XWPFTableRow blanks = sign.createRow();
                while (blanks.getTableCells().size() < 4) blanks.addNewTableCell();
                for (XWPFTableCell c : blanks.getTableCells()) {
                    cell(c, "", false, 9);
                    org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder line = c.getCTTc().addNewTcPr().addNewTcBorders().addNewBottom();
                    line.setVal(org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder.SINGLE);
                    line.setSz(BigInteger.valueOf(6));
                }
                XWPFTableRow caps = sign.createRow();
                while (caps.getTableCells().size() < 4) caps.addNewTableCell();
                for (int i = 0; i < 4; i++) {
                    cell(caps.getCell(i), "(" + Act.SIGNATURE_BLANKS.get(i) + ")", false, 7);
                    caps.getCell(i).getParagraphs().get(0).setAlignment(ParagraphAlignment.CENTER);
                }
            }
            sign.removeRow(0);
            width(sign, 10300);
            columns(sign, 2575, 2575, 2575, 2575);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }






}
