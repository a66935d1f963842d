package ru.edu.auditor.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * A remedy order («предписание об устранении нарушений») as the document an auditor signs and sends: the number and
 * date, the issuing authority, the organization, one point per violation (the decree and clause with a short quote
 * of its text, the facts the failing audit found), the date by which to remedy them, the signature block. Every
 * string both renderings print is made here, so the PDF and the Word file carry the same words in the same order.
 */
public record RemedyOrder(int number, LocalDate issuedOn, String authority, String organization, String municipality, LocalDate dueOn,
                          List<Point> points, String signerPosition, String signerName) {

    public RemedyOrder {
        points = List.copyOf(points);
    }

    /**
     * One violation: {@code document} the decree («Приказ № 47 от 01.09.2023»), {@code citation} the clause as the
     * report cites it, {@code quote} its text (may be null), {@code judgedOn} and {@code auditNumber} the failing audit
     * whose {@code facts} are quoted, {@code foundOn} when the violation was first found.
     */
    public record Point(String document, String clause, String citation, String quote, LocalDate foundOn, LocalDate judgedOn,
                        String auditNumber, String facts) { }

    /** The column heads of the table of violations, in their order. */
    public static final List<String> COLUMNS = List.of("№", "Нарушенное требование", "Выявленные факты");

    /** The captions under the signature blanks. */
    public static final List<String> SIGNATURE_BLANKS = List.of("должность", "подпись", "расшифровка подписи", "дата");

    public String title() { return "Предписание № " + number + " об устранении нарушений"; }

    public String dated() { return "от " + Fmt.date(issuedOn); }

    /** The header: label, value. */
    public List<String[]> header() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Выдано", authority});
        rows.add(new String[] {"Кому", organization});
        rows.add(new String[] {"Муниципальное образование", municipality});
        return rows;
    }

    public String intro() {
        return "По результатам проверок исполнения решений о переходе на «Сферум» в организации "
                + Plural.form(points.size(), "выявлено", "выявлены", "выявлено") + " " + Plural.count(points.size(), "нарушение", "нарушения", "нарушений") + ":";
    }

    /** The requirement a point names: decree, clause, quote. */
    public static String requirement(Point p) {
        return p.document() + ", п. " + p.clause() + (p.quote() == null ? "" : ": " + p.quote());
    }

    /** What was found: the failing audit and its explanation. */
    public static String found(Point p) {
        String since = p.foundOn().equals(p.judgedOn()) ? "" : " (впервые выявлено на " + Fmt.date(p.foundOn()) + ")";
        return "Проверка № " + p.auditNumber() + " на " + Fmt.date(p.judgedOn()) + since + ". " + p.facts();
    }

    public String demand() {
        return "Предписываю устранить " + (points.size() == 1 ? "указанное нарушение" : "указанные нарушения") + " в срок до "
                + Fmt.date(dueOn) + " включительно и представить сведения об устранении. Устранение подтверждается очередной проверкой:"
                + " нарушение считается устранённым, когда проверка на более позднюю дату признаёт пункт выполненным.";
    }

    public String signedCaption() { return "Предписание выдал"; }

    public String receivedCaption() { return "Предписание получил руководитель организации"; }

    /** The file name: «Предписание_7_от_2026-12-07.<ext>». */
    public String fileName(String extension) {
        return "Предписание_" + number + "_от_" + issuedOn + "." + extension;
    }
}
