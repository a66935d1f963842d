package ru.edu.auditor.formats.documents;

import static ru.edu.auditor.formats.documents.DocumentParts.*;

import java.util.List;
import ru.edu.auditor.report.RoundBoard;
import ru.edu.auditor.text.Fmt;

/**
 * A monitoring round's board as a PDF to print or send (A4 landscape, DejaVu Sans embedded as in the act): the round,
 * the counts, the organizations' table and the roll-up by clause, in the board's own words.
 */
public final class RoundBoardDocuments {

    private RoundBoardDocuments() { }

    public static byte[] pdf(RoundBoard b) { return DocumentParts.pdf(xhtml(b)); }


    static String xhtml(RoundBoard b) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ru\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(esc(b.name())).append("</title><style>")
                .append("@page { size: A4 landscape; margin: 12mm; }")
                .append("body { font-family: '").append(FAMILY).append("'; font-size: 8.5pt; line-height: 1.2; }")
                .append("h1 { font-size: 12pt; margin: 0 0 2mm 0; } h2 { font-size: 10pt; margin: 4mm 0 1mm 0; page-break-after: avoid; }")
                .append("p { margin: 0 0 1mm 0; } table { border-collapse: collapse; width: 100%; }")
                .append("th, td { border: 0.5pt solid #777; padding: 0.6mm 1.2mm; vertical-align: top; text-align: left; } th { background: #eee; }")
                .append("tr { page-break-inside: avoid; } tr.late td { background: #fde8e8; }")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(b.heading())).append("</h1>");
        h.append("<p>Муниципалитет: ").append(esc(b.municipality())).append(". Состояние на ").append(esc(Fmt.date(b.today())))
                .append(b.closed() ? ". Мониторинг закрыт." : ".").append("</p>");
        for (String s : b.summary()) h.append("<p>").append(esc(s)).append(".</p>");
        h.append("<h2>Организации</h2><table><thead><tr>");
        for (String c : RoundBoard.LINE_COLUMNS) h.append("<th>").append(esc(c)).append("</th>");
        h.append("</tr></thead><tbody>");
        int n = 0;
        for (RoundBoard.Line l : b.lines()) {
            h.append(l.state() == RoundBoard.State.LATE ? "<tr class=\"late\">" : "<tr>");
            for (String c : RoundBoard.cells(++n, l)) h.append("<td>").append(esc(c)).append("</td>");
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        h.append("<h2>Свод по пунктам (последние ответы)</h2>");
        List<List<String>> rows = b.rollupRows();
        if (rows.isEmpty()) {
            h.append("<p>Ответов пока нет — сводить нечего.</p>");
        } else {
            h.append("<table><thead><tr>");
            for (String c : RoundBoard.rollupColumns()) h.append("<th>").append(esc(c)).append("</th>");
            h.append("</tr></thead><tbody>");
            for (List<String> row : rows) {
                h.append("<tr>");
                for (String c : row) h.append("<td>").append(esc(c)).append("</td>");
                h.append("</tr>");
            }
            h.append("</tbody></table>");
        }
        h.append("</body></html>");
        return h.toString();
    }


}
