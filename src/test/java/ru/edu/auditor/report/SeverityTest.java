package ru.edu.auditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.law.Judgement;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.law.checks.Checks;

/** One order of severity: a clause's parts combine, and a report's status follows, by the same Verdict.WORST_FIRST. */
class SeverityTest {
    @Test
    void everyVerdictHasOnePlaceInTheOrder() {
        assertEquals(EnumSet.allOf(Verdict.class), EnumSet.copyOf(Verdict.WORST_FIRST));
        assertEquals(Verdict.values().length, Verdict.WORST_FIRST.size());
        assertTrue(Verdict.FAIL.isWorseThan(Verdict.PENDING) && !Verdict.PASS.isWorseThan(Verdict.NO_DATA));
    }

    /** For any two verdicts a rule may state, the worst part of a clause is the verdict that sets the status of both. */
    @Test
    void theWorstPartAndTheStatusAgree() {
        List<Verdict> stated = List.of(Verdict.FAIL, Verdict.MANUAL, Verdict.NO_DATA, Verdict.PENDING, Verdict.PASS);
        for (Verdict a : stated) {
            for (Verdict b : stated) {
                Verdict worst = Checks.worst(new Judgement(a, "a", Map.of()), new Judgement(b, "b", Map.of())).verdict();
                assertTrue(worst == a || worst == b);
                assertEquals(ReportStatus.of(Map.of(worst, 1)), ReportStatus.of(a == b ? Map.of(a, 2) : Map.of(a, 1, b, 1)), a + " + " + b);
            }
        }
    }
}
