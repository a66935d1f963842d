package ru.edu.auditor.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import ru.edu.auditor.text.Plural;

/** Russian numerals and the deadline phrases of the report page. */
final class Ru {
    private Ru() { }

    /** The form of a noun after {@code n} (one: 1, 21; few: 2–4, 22–24; many: 0, 5–20, 25…), as {@link Plural} gives it. */
    static String plural(long n, String one, String few, String many) { return Plural.form(n, one, few, many); }

    static String days(long n) { return n + " " + plural(n, "день", "дня", "дней"); }

    /**
     * The deadline against the audit date: «остался 1 день», «осталось 3 дня», «срок истекает в день проверки»,
     * «просрочено на 5 дней»; null without a deadline. A met duty's deadline is only dated, never «просрочено».
     */
    static String deadline(LocalDate deadline, LocalDate asOf, String verdict) {
        if (deadline == null || asOf == null) return null;
        long d = ChronoUnit.DAYS.between(asOf, deadline);
        if ("PASS".equals(verdict) || "NOT_APPLICABLE".equals(verdict) || "INFO".equals(verdict)) return null;
        if (d == 0) return "срок истекает в день проверки";
        if (d > 0) return plural(d, "остался ", "осталось ", "осталось ") + days(d);
        return "просрочено на " + days(-d);
    }

    /** «1 организация», «3 организации», «5 организаций». */
    static String organizations(long n) { return n + " " + plural(n, "организация", "организации", "организаций"); }

    static String audits(long n) { return n + " " + plural(n, "проверка", "проверки", "проверок"); }

    static String lines(long n) { return n + " " + plural(n, "строка", "строки", "строк"); }

    static String errors(long n) { return n + " " + plural(n, "ошибка", "ошибки", "ошибок"); }
}
