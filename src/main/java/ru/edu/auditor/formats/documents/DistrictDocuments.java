package ru.edu.auditor.formats.documents;

import static ru.edu.auditor.formats.documents.DocumentParts.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import ru.edu.auditor.report.DistrictSummary;

/**
 * A district's summary on a date as documents, made as the act is ({@link ActDocuments}): a PDF laid out by
 * openhtmltopdf with DejaVu Sans embedded, and an editable Word file (Apache POI XWPF) with the same words in the same
 * order, both from the one {@link DistrictSummary}.
 */
public final class DistrictDocuments {

    private DistrictDocuments() { }

    public static byte[] pdf(DistrictSummary s) { return DocumentParts.pdf(xhtml(s)); }


    static String xhtml(DistrictSummary s) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ru\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(esc(s.title())).append("</title><style>")
                .append("@page { size: A4; margin: 12mm 10mm 12mm 16mm; }")
                .append("body { font-family: '").append(FAMILY).append("'; font-size: 8.2pt; line-height: 1.18; }")
                .append("h1 { font-size: 12pt; text-align: center; margin: 0 0 2mm 0; }")
                .append("h2 { font-size: 10pt; margin: 4mm 0 1mm 0; page-break-after: avoid; }")
                .append("p { margin: 0 0 1mm 0; }")
                .append("table { border-collapse: collapse; width: 100%; }")
                .append("table.head td { padding: 0.4mm 1mm; vertical-align: top; } table.head td.k { width: 34%; color: #333; }")
                .append("table.grid th, table.grid td { border: 0.5pt solid #777; padding: 0.6mm 1.2mm; vertical-align: top; text-align: left; }")
                .append("table.grid th { background: #eee; } table.grid tr { page-break-inside: avoid; }")
                .append("table.grid { -fs-table-paginate: paginate; } td.n { width: 9%; } td.s { width: 22%; }")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(s.title())).append("</h1>");
        pairs(h, s.header());
        h.append("<h2>").append(esc(s.indicator())).append("</h2>");
        h.append("<p>").append(esc(s.indicatorDefinition())).append("</p>");
        pairs(h, s.indicatorLines());
        h.append("<p>").append(esc(s.note())).append("</p>");
        for (DistrictSummary.Decree d : s.decrees()) {
            h.append("<h2>").append(esc(d.document())).append("</h2>");
            if (d.title() != null) h.append("<p>").append(esc(d.title())).append("</p>");
            grid(h, DistrictSummary.CLAUSE_COLUMNS, d.clauses(), new String[] {"n", "s", null});
        }
        h.append("<h2>").append(esc(ORGANIZATIONS)).append("</h2>");
        grid(h, s.organizationColumns(), s.organizations(), new String[0]);
        if (s.organizationsNote() != null) h.append("<p>").append(esc(s.organizationsNote())).append("</p>");
        h.append("</body></html>");
        return h.toString();
    }

    static final String ORGANIZATIONS = "Организации";

    private static void pairs(StringBuilder h, List<DistrictSummary.Pair> pairs) {
        h.append("<table class=\"head\">");
        for (DistrictSummary.Pair p : pairs) {
            h.append("<tr><td class=\"k\">").append(esc(p.label())).append("</td><td>").append(esc(p.value())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void grid(StringBuilder h, List<String> columns, List<List<String>> rows, String[] classes) {
        h.append("<table class=\"grid\"><thead><tr>");
        for (String c : columns) h.append("<th>").append(esc(c)).append("</th>");
        h.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String css = i < classes.length ? classes[i] : null;
                h.append(css == null ? "<td>" : "<td class=\"" + css + "\">").append(esc(row.get(i))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }


    public static byte[] docx(DistrictSummary s) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page(doc, 794, 907, 680);
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, s.title(), true, 12);
            pairs(doc, s.header());
            heading(doc, s.indicator());
            run(doc.createParagraph(), s.indicatorDefinition(), false, 9);
            pairs(doc, s.indicatorLines());
            run(doc.createParagraph(), s.note(), false, 9);
            for (DistrictSummary.Decree d : s.decrees()) {
                heading(doc, d.document());
                if (d.title() != null) run(doc.createParagraph(), d.title(), false, 9);
                grid(doc, DistrictSummary.CLAUSE_COLUMNS, d.clauses(), 900, 2300, 7100);
            }
            heading(doc, ORGANIZATIONS);
            grid(doc, s.organizationColumns(), s.organizations(), 3900, 1700, 1300, 2200, 1200);
            if (s.organizationsNote() != null) run(doc.createParagraph(), s.organizationsNote(), false, 9);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void heading(XWPFDocument doc, String text) {
        XWPFParagraph h = doc.createParagraph();
        h.setSpacingBefore(200);
        h.setKeepNext(true);
        run(h, text, true, 10);
    }

    private static void pairs(XWPFDocument doc, List<DistrictSummary.Pair> pairs) {
        XWPFTable t = doc.createTable(1, 2);
        noBorders(t);
        for (DistrictSummary.Pair p : pairs) {
            XWPFTableRow r = t.createRow();
            cell(r.getCell(0), p.label(), false, 9);
            cell(r.getCell(1), p.value(), false, 9);
        }
        t.removeRow(0); // the placeholder row a new table starts with
        width(t, 10300);
        columns(t, 3500, 6800);
    }

    private static void grid(XWPFDocument doc, List<String> columns, List<List<String>> rows, int... widths) {
        XWPFTable t = doc.createTable(1, columns.size());
        XWPFTableRow hr = t.createRow();
        for (int i = 0; i < columns.size(); i++) cell(hr.getCell(i), columns.get(i), true, 8);
        hr.setRepeatHeader(true);
        for (List<String> row : rows) {
            XWPFTableRow r = t.createRow();
            r.setCantSplitRow(true);
            for (int i = 0; i < row.size(); i++) cell(r.getCell(i), row.get(i), false, 8);
        }
        t.removeRow(0);
        width(t, 10300);
        columns(t, widths);
    }
}
