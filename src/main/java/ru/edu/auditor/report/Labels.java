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

    /** What a PENDING whose deadline passed after its audit reads on a later date (roll-up). */
    public static final String DUE_SINCE_AUDIT = "срок истёк после проверки — нужна новая проверка";

    /**
     * The columns of a roll-up on a date, in order: the verdicts, and right after «срок не наступил» the PENDING
     * verdicts whose deadline has passed since their audit ({@link Rollup#DUE_SINCE_AUDIT}).
     */
    public static final Map<String, String> ROLLUP_COLUMNS = rollupColumns();

    private Labels() { }

    private static Map<String, String> rollupColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        VERDICTS.forEach((k, v) -> {
            m.put(k, v);
            if (k.equals("PENDING")) m.put(Rollup.DUE_SINCE_AUDIT, DUE_SINCE_AUDIT);
        });
        return Collections.unmodifiableMap(m);
    }

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

    /** «Постановление № 262 от 13.10.2023»: what an auditor calls the decree (its id in the catalog is no word of the law). */
    public static String document(String kind, String number, LocalDate date) {
        String k = kind == null || kind.isEmpty() ? "" : Fmt.capitalized(kind) + " ";
        return k + "№ " + number + " от " + Fmt.date(date);
    }

    /**
     * As {@link #document(String, String, LocalDate)}: the catalog id is no longer printed (kept for callers of
     * the four-argument form).
     */
    @Deprecated
    public static String document(String kind, String number, LocalDate date, String id) { return document(kind, number, date); }

    /** A clause kind of the catalog: obligation, heading or info. */
    public static String clauseKind(String kind) {
        return switch (kind) {
            case "obligation" -> "обязанность";
            case "heading" -> "вводный пункт";
            case "info" -> "никого не обязывает";
            default -> kind;
        };
    }

    public static String verdict(String verdict) { return ROLLUP_COLUMNS.getOrDefault(verdict, verdict); }

    public static String status(String status) {
        return switch (status) {
            case "compliant" -> "соответствует";
            case "non-compliant" -> "не соответствует";
            case "incomplete" -> "недостаточно сведений или нужна оценка специалиста";
            case "pending" -> "сроки не наступили";
            case Rollup.DUE_SINCE_AUDIT_STATUS -> DUE_SINCE_AUDIT;
            case "exempt" -> "освобождено от проверяемых обязанностей";
            case "not-applicable" -> "не распространяется";
            case "error" -> "ошибка правил";
            default -> status;
        };
    }
}
