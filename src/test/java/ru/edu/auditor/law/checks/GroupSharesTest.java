package ru.edu.auditor.law.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Headcount;
import ru.edu.auditor.law.Judgement;
import ru.edu.auditor.law.Verdict;

class GroupSharesTest {
    @Test
    void anEmptyGroupIsNeverCompliance() {
        Judgement j = Checks.allRegistered(new Headcount("teachers", 0, 0), "педагогических работников", "в ИКОП «Сферум»", 100);
        assertEquals(Verdict.MANUAL, j.verdict());
        assertTrue(j.explanation().startsWith("Группа пуста: указано 0 педагогических работников (headcount.teachers.total)"), j.explanation());
        assertEquals("headcount.teachers.total", j.evidence().get("emptyGroup"));
    }

    @Test
    void everyMeansEveryAndNamesAgreeWithTheWhole() {
        Judgement short1 = GroupShares.atLeast(20, 21, 100, "зарегистрировано", "педагогических работников", "", "headcount.teachers.total", "teachers");
        assertEquals(Verdict.FAIL, short1.verdict());
        assertTrue(short1.explanation().contains("20 из 21 (95,2 %) педагогического работника; требуется 100 %: не хватает 1."), short1.explanation());
        assertEquals(Verdict.PASS, GroupShares.atLeast(400, 400, 100, "зарегистрировано", "сотрудников", "", "p", "employees").verdict());
        assertEquals(Verdict.FAIL, GroupShares.atLeast(399, 400, 100, "зарегистрировано", "сотрудников", "", "p", "employees").verdict());
        assertEquals(Verdict.PASS, GroupShares.atLeast(45, 50, 90, "зарегистрировано", "сотрудников", "", "p", "employees").verdict());
        assertEquals(46, GroupShares.needed(51, 90));
    }
}
