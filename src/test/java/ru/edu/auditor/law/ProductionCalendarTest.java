package ru.edu.auditor.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.law.deadlines.DueDates;
import ru.edu.auditor.law.reference.ProductionCalendar;

class ProductionCalendarTest {
    private static final ProductionCalendar CAL = load();

    private static ProductionCalendar load() {
        ProductionCalendar.Loaded l = ProductionCalendar.load(Path.of("rules"));
        assertTrue(l.problems().isEmpty(), l.problems().toString());
        return l.calendar();
    }

    @Test
    void workingDayCountsMatchTheOfficialCalendars() {
        assertEquals(247, CAL.workingDays(2023));
        assertEquals(248, CAL.workingDays(2024));
        assertEquals(247, CAL.workingDays(2025));
        assertEquals(247, CAL.workingDays(2026));
        assertTrue(CAL.isWorking(LocalDate.of(2024, 12, 28)), "a working Saturday");
        assertFalse(CAL.isWorking(LocalDate.of(2023, 11, 6)), "4 November on a Saturday moves to Monday");
    }

    @Test
    void aDeadlineOnADayOffMovesOrStandsAsTheDecreeSays() {
        DueDates next = new DueDates("d", DueDates.NEXT_WORKING_DAY, "ст. 193 ГК РФ по аналогии", CAL);
        DueDates.Due due = next.due(LocalDate.of(2023, 12, 30)); // Saturday, then Sunday and the New Year holidays
        assertEquals(LocalDate.of(2024, 1, 9), due.effective());
        assertTrue(due.note().contains("пришёлся на нерабочий день (суббота)"), due.note());
        assertTrue(due.note().contains("ст. 193 ГК РФ по аналогии") && due.note().contains("09.01.2024"), due.note());
        assertNull(next.due(LocalDate.of(2023, 10, 20)).note(), "a Friday is a working day");

        DueDates literal = new DueDates("d", DueDates.LITERAL, "буквально", CAL);
        DueDates.Due lit = literal.due(LocalDate.of(2024, 3, 30));
        assertEquals(LocalDate.of(2024, 3, 30), lit.effective());
        assertTrue(lit.note().contains("читается буквально"), lit.note());
    }
}
