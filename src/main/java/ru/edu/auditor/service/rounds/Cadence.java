package ru.edu.auditor.service.rounds;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import ru.edu.auditor.text.Fmt;

/**
 * How long a round's period is: a calendar week Monday to Sunday (the decrees' weekly indicators and analyses) or a
 * calendar month (their monthly reports). A schedule repeats the round with the next period.
 */
public enum Cadence {
    week, month;

    /** The first day of the period that contains {@code day}. */
    public LocalDate startOf(LocalDate day) {
        return this == week ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    /** The last day of the period starting {@code from}. */
    public LocalDate endOf(LocalDate from) {
        return this == week ? from.plusDays(6) : YearMonth.from(from).atEndOfMonth();
    }

    /** The first day of the period after the one starting {@code from}. */
    public LocalDate next(LocalDate from) {
        return this == week ? from.plusWeeks(1) : from.plusMonths(1).withDayOfMonth(1);
    }

    /** Whether a period of this cadence can start on {@code day}. */
    public boolean startsOn(LocalDate day) { return startOf(day).equals(day); }

    /** «неделя 02.12.2024–08.12.2024», «декабрь 2024». */
    public String period(LocalDate from) {
        return this == week ? "неделя " + Fmt.date(from) + "–" + Fmt.date(endOf(from)) : Fmt.month(YearMonth.from(from));
    }

    /** «еженедельно», «ежемесячно». */
    public String repeatWords() { return this == week ? "еженедельно" : "ежемесячно"; }

    /** «неделя», «месяц». */
    public String words() { return this == week ? "неделя" : "месяц"; }

    /** The cadence named {@code name}, or null. */
    public static Cadence of(String name) {
        if (name == null) return null;
        for (Cadence c : values()) if (c.name().equals(name.strip())) return c;
        return null;
    }
}
