package ru.edu.auditor.law.deadlines;

import java.time.LocalDate;
import ru.edu.auditor.law.reference.ProductionCalendar;
import ru.edu.auditor.text.Fmt;

/**
 * How one decree reads a deadline that falls on a non-working day (catalog: {@code deadlineOnDayOff}, with its legal
 * basis in {@code deadlineOnDayOffBasis}), over the production calendar. One instance per applicable decree is put
 * into working memory, so a rule that computes deadlines itself (monthly reports «до 30 числа») reads them the same
 * way the report reads catalog deadlines.
 * <ul>
 * <li>{@code next-working-day}: the deadline moves to the nearest following working day (art. 193 of the Civil Code
 *     for civil-law deadlines, applied by analogy to administrative orders; art. 14 part 4 of the Labour Code for
 *     a school's orders to its staff);</li>
 * <li>{@code literal}: the date stands as printed, whatever day of the week it is.</li>
 * </ul>
 */
public final class DueDates {
    public static final String NEXT_WORKING_DAY = "next-working-day";
    public static final String LITERAL = "literal";

    private final String decree;
    private final String onDayOff;
    private final String basis;
    private final ProductionCalendar calendar;

    public DueDates(String decree, String onDayOff, String basis, ProductionCalendar calendar) {
        this.decree = decree;
        this.onDayOff = onDayOff == null ? NEXT_WORKING_DAY : onDayOff;
        this.basis = basis;
        this.calendar = calendar == null ? ProductionCalendar.weekendsOnly() : calendar;
    }

    public String getDecree() { return decree; }
    public String getOnDayOff() { return onDayOff; }
    public String getBasis() { return basis; }

    /** A deadline as printed, the last day it can be met on under this decree's reading, and what the report says. */
    public record Due(LocalDate stated, LocalDate effective, String note) {
        public boolean moved() { return !stated.equals(effective); }
    }

    /** The deadline {@code stated} read under this decree's rule; {@code note} is null when it falls on a working day. */
    public Due due(LocalDate stated) {
        if (stated == null) return null;
        if (calendar.isWorking(stated)) return new Due(stated, stated, null);
        String day = "Срок " + Fmt.date(stated) + " пришёлся на нерабочий день (" + calendar.whyNonWorking(stated) + ")";
        String why = basis == null || basis.isBlank() ? "" : " (" + basis + ")";
        if (LITERAL.equals(onDayOff)) {
            return new Due(stated, stated, day + "; решение читается буквально" + why + ": срок не переносится.");
        }
        LocalDate next = calendar.workingDayOnOrAfter(stated);
        return new Due(stated, next, day + "; по прочтению решения" + why + " он переносится на ближайший рабочий день — "
                + Fmt.date(next) + " включительно.");
    }

    /** The last day a duty due {@code stated} can be met on. */
    public LocalDate effective(LocalDate stated) { return stated == null ? null : due(stated).effective(); }
}
