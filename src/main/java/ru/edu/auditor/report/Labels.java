package ru.edu.auditor.report;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.edu.auditor.text.Fmt;

/** The one map of Russian names of report statuses and clause verdicts, for everything an auditor reads. */
public final class Labels {
    /** Every verdict in the order tables show them. */
    public static final Map<String, String> VERDICTS = verdicts();

    private Labels() { }

    private static Map<String, String> verdicts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PASS", "выполнено");
        m.put("FAIL", "нарушение");
        m.put("PENDING", "срок не наступил");
        m.put("NO_DATA", "нет сведений");
        m.put("MANUAL", "нужна оценка специалиста");
        m.put("EXEMPT", "освобождено");
        m.put("NOT_APPLICABLE", "не распространяется");
        m.put("INFO", "не проверяется");
        m.put("ERROR", "ошибка правил");
        return Collections.unmodifiableMap(m);
    }

    /** «Постановление № 262 от 13.10.2023 (sergokala-adm-262-2023)». */
    public static String document(String kind, String number, LocalDate date, String id) {
        String k = kind == null || kind.isEmpty() ? "" : Fmt.capitalized(kind) + " ";
        return k + "№ " + number + " от " + Fmt.date(date) + " (" + id + ")";
    }

    /** A clause kind of the catalog: obligation, heading or info. */
    public static String clauseKind(String kind) {
        return switch (kind) {
            case "obligation" -> "обязанность";
            case "heading" -> "вводный пункт";
            case "info" -> "никого не обязывает";
            default -> kind;
        };
    }

    public static String verdict(String verdict) { return VERDICTS.getOrDefault(verdict, verdict); }

    public static String status(String status) {
        return switch (status) {
            case "compliant" -> "соответствует";
            case "non-compliant" -> "не соответствует";
            case "incomplete" -> "недостаточно сведений или нужна оценка специалиста";
            case "pending" -> "сроки не наступили";
            case "exempt" -> "освобождено от проверяемых обязанностей";
            case "not-applicable" -> "не распространяется";
            case "error" -> "ошибка правил";
            default -> status;
        };
    }
}
