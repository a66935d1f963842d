package ru.edu.auditor.law.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Headcount;
import ru.edu.auditor.law.Judgement;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.text.Fmt;

/** The documented readings that live in shared code rather than in one decree's rules. */
class ReadingsTest {
    @Test
    void hundredPercentMeansAllAndNeverRoundsUp() {
        assertEquals("99,7 %", Fmt.percent(399, 400));
        assertEquals("99,9 %", Fmt.percent(9999, 10000));
        assertEquals("100 %", Fmt.percent(400, 400));
        Judgement j = Checks.allRegistered(new Headcount("students", 400, 399), "обучающихся", "в Сферуме", 100);
        assertEquals(Verdict.FAIL, j.verdict());
        assertTrue(j.explanation().contains("399 из 400 (99,7 %)"), j.explanation());
    }

    @Test
    void februaryHasNoThirtiethSoTheLastDayIsDue() {
        assertEquals(LocalDate.of(2024, 2, 29), ReportSchedule.dueDate(YearMonth.of(2024, 1), 30));
        assertEquals(LocalDate.of(2025, 2, 28), ReportSchedule.dueDate(YearMonth.of(2025, 1), 30));
        assertEquals(LocalDate.of(2023, 12, 30), ReportSchedule.dueDate(YearMonth.of(2023, 11), 30));
        assertEquals(LocalDate.of(2024, 1, 30), ReportSchedule.dueDate(YearMonth.of(2023, 12), 30));
    }

    @Test
    void aReportIsOverdueOnlyAfterItsDueDay() {
        YearMonth first = YearMonth.of(2023, 11);
        assertEquals(List.of(), ReportSchedule.monthsToJudge(first, 30, null, LocalDate.of(2023, 12, 30)));
        assertEquals(List.of(first), ReportSchedule.monthsToJudge(first, 30, null, LocalDate.of(2023, 12, 31)));
        // a window that holds no due date still judges the latest overdue month
        assertEquals(List.of(YearMonth.of(2024, 1)), ReportSchedule.monthsToJudge(first, 30, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 10)));
    }

    @Test
    void onlyWholeCalendarWeeksAreJudged() {
        // Wed 11.10.2023 – Wed 01.11.2023 holds the whole weeks 16–22, 23–29 October
        List<Cadence.Week> weeks = Cadence.wholeWeeks(LocalDate.of(2023, 10, 11), LocalDate.of(2023, 11, 1));
        assertEquals(2, weeks.size());
        assertEquals(LocalDate.of(2023, 10, 16), weeks.get(0).monday());
        List<Cadence.Week> missing = Cadence.weeksWithout(List.of(LocalDate.of(2023, 10, 22)), LocalDate.of(2023, 10, 11), LocalDate.of(2023, 11, 1));
        assertEquals(1, missing.size());
        assertEquals(LocalDate.of(2023, 10, 23), missing.get(0).monday());
    }
}
