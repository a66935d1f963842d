package ru.edu.auditor.law.checks;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import ru.edu.auditor.text.Fmt;

/**
 * Weekly cadence. A week is a calendar week Monday–Sunday. Only weeks lying wholly inside the window
 * are judged: a week cut by the window's start or end is not yet (or no longer) the auditor's to judge.
 */
public final class Cadence {
    private Cadence() { }

    /** A calendar week, Monday to Sunday. */
    public record Week(LocalDate monday, LocalDate sunday) {
        @Override public String toString() { return Fmt.date(monday) + "–" + Fmt.date(sunday); }
        boolean contains(LocalDate d) { return !d.isBefore(monday) && !d.isAfter(sunday); }
    }

    /** The whole weeks inside [from, to]. */
    public static List<Week> wholeWeeks(LocalDate from, LocalDate to) {
        List<Week> weeks = new ArrayList<>();
        LocalDate monday = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        while (!monday.plusDays(6).isAfter(to)) {
            weeks.add(new Week(monday, monday.plusDays(6)));
            monday = monday.plusWeeks(1);
        }
        return weeks;
    }

    /** The whole weeks inside [from, to] in which none of {@code dates} falls. */
    public static List<Week> weeksWithout(Collection<LocalDate> dates, LocalDate from, LocalDate to) {
        List<Week> missing = new ArrayList<>();
        for (Week w : wholeWeeks(from, to)) {
            if (dates.stream().noneMatch(w::contains)) missing.add(w);
        }
        return missing;
    }

    public static LocalDate latest(LocalDate a, LocalDate b) { return a.isAfter(b) ? a : b; }

    public static LocalDate earliest(LocalDate a, LocalDate b) { return a.isBefore(b) ? a : b; }
}
