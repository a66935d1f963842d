package ru.edu.auditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/** One audit report as CSV: a heading block, then one row per clause of every decree (one row for a decree that does not apply). */
public final class ReportCsv {
    private ReportCsv() { }

    public static Csv of(JsonNode report) {
        Csv csv = new Csv();
        JsonNode org = report.path("organization");
        csv.row("Организация", org.path("name").asText());
        csv.row("Муниципальное образование", org.path("municipality").asText());
        csv.row("Дата проверки", date(report.path("asOf")));
        csv.row("Итог", Labels.status(report.path("status").asText()));
        csv.row("Номер проверки", report.path("decisionId").asText());
        csv.row("Версия правил", report.path("rulesVersion").asText());
        csv.row();
        csv.row("Документ", "Распространяется", "Пункт", "Вердикт", "Срок", "Объяснение", "Адресат");
        for (JsonNode d : report.path("decrees")) {
            String doc = document(d);
            if (!d.path("applicable").asBoolean()) {
                csv.row(doc, "нет", "", Labels.verdict("NOT_APPLICABLE"), "", d.path("applicability").asText(), "");
                continue;
            }
            for (JsonNode c : d.path("clauses")) {
                csv.row(doc, "да", Csv.text(c.path("clause").asText()), Labels.verdict(c.path("status").asText()), date(c.path("deadline")),
                        c.path("explanation").asText(), c.path("addressee").asText(""));
            }
        }
        return csv;
    }

    static String document(JsonNode d) {
        return Labels.document(d.path("kind").asText(), d.path("number").asText(),
                d.path("date").isTextual() ? LocalDate.parse(d.path("date").asText()) : null);
    }

    static String date(JsonNode n) { return n.isTextual() ? Csv.date(LocalDate.parse(n.asText())) : ""; }
}
