package ru.edu.auditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.law.Verdict;

class ReportStatusTest {
    private static Map<Verdict, Integer> counts(Verdict... vs) {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : vs) m.merge(v, 1, Integer::sum);
        return m;
    }

    @Test
    void theLatticeDecidesByTheFirstLineThatHolds() {
        assertEquals("not-applicable", ReportStatus.of(counts()), "nothing checked is never compliant");
        assertEquals("not-applicable", ReportStatus.of(counts(Verdict.INFO, Verdict.NOT_APPLICABLE)));
        assertEquals("pending", ReportStatus.of(counts(Verdict.PENDING, Verdict.INFO)));
        assertEquals("pending", ReportStatus.of(counts(Verdict.PENDING, Verdict.PASS)));
        assertEquals("compliant", ReportStatus.of(counts(Verdict.PASS, Verdict.INFO, Verdict.NOT_APPLICABLE)));
        assertEquals("incomplete", ReportStatus.of(counts(Verdict.PASS, Verdict.PENDING, Verdict.MANUAL)));
        assertEquals("incomplete", ReportStatus.of(counts(Verdict.NO_DATA)));
        assertEquals("non-compliant", ReportStatus.of(counts(Verdict.FAIL, Verdict.NO_DATA, Verdict.PENDING)));
        assertEquals("error", ReportStatus.of(counts(Verdict.FAIL, Verdict.ERROR)));
        for (String s : ReportStatus.ALL) assertEquals(false, Labels.status(s).equals(s), "Russian label for " + s);
    }
}
