package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.edu.auditor.WeeklySchool.clause;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.WeeklySchool;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.store.TestStores;

/** Trends, analyses and reports judged from the organization's stored audits, on every store. */
class HistoryAuditTest {
    static TestStores.Tally tally;
    static final String SOSH1 = "sergokala-sosh1-8-2023";
    static final String ADM = "sergokala-adm-262-2023";
    static final List<String[]> TREND_CLAUSES = List.of(new String[] {SOSH1, "4"}, new String[] {SOSH1, "8"},
            new String[] {ADM, "1.4"}, new String[] {ADM, "1.9"});
    static RulesHolder rules;

    static List<String> backends() { return TestStores.backends(); }

    @BeforeAll
    static void load() throws Exception {
        tally = TestStores.tally();
        rules = new RulesHolder(RuleSet.load(Path.of("rules")));
    }

    @AfterAll
    static void summary() { System.out.println("[HistoryAuditTest] " + tally.summary()); }

    static JsonNode report(AuditService service, ObjectNode doc) throws Exception {
        AuditService.Outcome o = service.audit(doc, ru.edu.auditor.service.access.Tokens.Principal.operator("anna"));
        assertTrue(o.ok(), () -> o.problems().toString());
        assertTrue(o.stored());
        return Json.mapper().valueToTree(o.report());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void trendClausesAreJudgedFromTheStoredWeekBefore(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditService service = new AuditService(rules, b.repository());
            LocalDate mon = LocalDate.of(2023, 10, 23);
            JsonNode first = report(service, WeeklySchool.week(null, mon, 250, 17));
            for (String[] c : TREND_CLAUSES) {
                JsonNode r = clause(first, c[0], c[1]);
                assertEquals("NO_DATA", r.path("status").asText(), c[0] + " " + c[1] + ": " + r);
                assertTrue(r.path("explanation").asText().contains("показатели за предыдущий период"), r.toString());
            }
            assertTrue(first.path("history").isMissingNode(), "nothing taken from history on a first audit");

            JsonNode second = report(service, WeeklySchool.week(null, mon.plusWeeks(1), 300, 20));
            for (String[] c : TREND_CLAUSES) {
                JsonNode r = clause(second, c[0], c[1]);
                // partial-comparison reading: a clause naming «Моя школа» indicators the week leaves out is NO_DATA naming them
                String expected = r.path("explanation").asText().contains("«Моей школы»") ? "NO_DATA" : "PASS";
                assertEquals(expected, r.path("status").asText(), c[0] + " " + c[1] + ": " + r);
                assertEquals(first.path("decisionId").asText(), r.path("evidence").path("previousFrom").asText(), r.toString());
                String text = r.path("explanation").asText();
                assertTrue(text.contains("предыдущий период 16.10.2023–22.10.2023, проверяемый 23.10.2023–29.10.2023"), text);
                assertTrue(text.contains("«Учеников всего (количество учеников в Сферуме)»: 250 → 300"), text);
                assertTrue(text.contains("взяты из сохранённой проверки " + first.path("decisionId").asText() + " на 23.10.2023"), text);
            }
            assertEquals(first.path("decisionId").asText(), second.path("history").path("previousIndicatorsFrom").asText());

            JsonNode third = report(service, WeeklySchool.week(null, mon.plusWeeks(2), 280, 20));
            JsonNode fell = clause(third, SOSH1, "8");
            assertEquals("FAIL", fell.path("status").asText(), fell.toString());
            assertTrue(fell.path("explanation").asText().contains("«Учеников всего (количество учеников в Сферуме)»: 300 → 280"), fell.toString());
            assertEquals(second.path("decisionId").asText(), fell.path("evidence").path("previousFrom").asText());
            assertEquals("FAIL", clause(third, ADM, "1.8").path("status").asText(), "a fall fails п. 1.8 too");
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void submittedPreviousIndicatorsWinAndLaterAuditsAreNeverThePast(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditService service = new AuditService(rules, b.repository());
            LocalDate mon = LocalDate.of(2023, 11, 13);
            report(service, WeeklySchool.week(null, mon, 400, 20));
            ObjectNode withPrevious = WeeklySchool.week(null, mon.plusWeeks(1), 300, 20);
            ((ObjectNode) withPrevious.path("indicators")).putObject("previous").put("studentsInSferum", 200);
            JsonNode own = clause(report(service, withPrevious), SOSH1, "8");
            // only studentsInSferum was submitted for the previous week: the other indicators are unknown (NO_DATA), but the
            // comparison made is the submitted one
            assertEquals("NO_DATA", own.path("status").asText(), own.toString());
            assertTrue(own.path("explanation").asText().contains("200 → 300"), "200 → 300 as submitted, not 400 → 300 from history: " + own);
            assertTrue(own.path("evidence").path("previousFrom").isMissingNode());

            JsonNode backdated = report(service, WeeklySchool.week(null, mon.minusWeeks(1), 100, 20));
            assertEquals("NO_DATA", clause(backdated, SOSH1, "8").path("status").asText(), "no audit before 06.11.2023 is stored");
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void storedAuditPeriodDatesIndicatorsThatCarryNone(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditService service = new AuditService(rules, b.repository());
            LocalDate mon = LocalDate.of(2023, 11, 13);
            ObjectNode first = WeeklySchool.week("inn-0529005555", mon, 400, 20);
            ((ObjectNode) first.path("indicators").path("current")).remove(List.of("periodFrom", "periodTo"));
            report(service, first);
            ObjectNode second = WeeklySchool.week("inn-0529005555", mon.plusWeeks(1), 300, 20);
            ((ObjectNode) second.path("indicators").path("current")).remove(List.of("periodFrom", "periodTo"));
            JsonNode r = clause(report(service, second), SOSH1, "8");
            assertEquals("FAIL", r.path("status").asText());
            assertTrue(r.path("explanation").asText().contains("предыдущий период 06.11.2023–12.11.2023, проверяемый 13.11.2023–19.11.2023"), r.toString());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void weeklyAnalysesOfEarlierAuditsCountForTheCadence(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditService service = new AuditService(rules, b.repository());
            LocalDate mon = LocalDate.of(2023, 10, 30);
            ObjectNode first = WeeklySchool.analyses(WeeklySchool.week(null, mon, 250, 17), LocalDate.of(2023, 10, 20), LocalDate.of(2023, 10, 27));
            ((ObjectNode) first.path("period")).put("from", "2023-10-13");
            String firstId = report(service, first).path("decisionId").asText();
            ObjectNode second = WeeklySchool.analyses(WeeklySchool.week(null, mon.plusWeeks(1), 300, 20), LocalDate.of(2023, 11, 3));
            ((ObjectNode) second.path("period")).put("from", "2023-10-13");
            JsonNode report = report(service, second);
            JsonNode c7 = clause(report, SOSH1, "7");
            assertEquals("PASS", c7.path("status").asText(), c7.toString());
            assertTrue(c7.path("explanation").asText().contains("3 из 3 полных недель"), c7.toString());
            assertEquals(List.of(firstId), Json.mapper().convertValue(report.path("history").path("weeklyAnalysesFrom"), List.class));

            ObjectNode notReported = WeeklySchool.week(null, mon.plusWeeks(2), 310, 20);
            ((ObjectNode) notReported.path("period")).put("from", "2023-10-13");
            JsonNode third = report(service, notReported);
            assertEquals("NO_DATA", clause(third, SOSH1, "7").path("status").asText(), "an absent list stays absent");
            assertTrue(third.path("history").path("weeklyAnalysesFrom").isMissingNode());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void monthlyReportsOfEarlierAuditsCount(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditService service = new AuditService(rules, b.repository());
            ObjectNode december = kesova("2023-12-20");
            december.putArray("monthlyReports").addObject().put("platform", "sferum").put("month", "2023-11").put("sentOn", "2023-12-05");
            report(service, december);
            ObjectNode february = kesova("2024-02-05");
            february.putArray("monthlyReports").addObject().put("platform", "sferum").put("month", "2023-12").put("sentOn", "2024-01-10");
            JsonNode r = report(service, february);
            JsonNode c = clause(r, "kesova-gora-oo-178-2023", "3.3");
            assertEquals("PASS", c.path("status").asText(), c.toString());
            assertTrue(c.path("explanation").asText().contains("за ноябрь 2023"), c.toString());
            assertFalse(r.path("history").path("monthlyReportsFrom").isEmpty());

            ObjectNode alone = kesova("2024-02-05");
            ((ObjectNode) alone.path("organization")).put("name", "МБОУ «Другая СОШ»");
            alone.putArray("monthlyReports").addObject().put("platform", "sferum").put("month", "2023-12").put("sentOn", "2024-01-10");
            assertEquals("FAIL", clause(report(service, alone), "kesova-gora-oo-178-2023", "3.3").path("status").asText(),
                    "another school's history is not this one's");
            b.passed();
        }
    }

    static ObjectNode kesova(String asOf) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.putObject("organization").put("name", "МБОУ «Кесовогорская СОШ»").put("kind", "general")
                .put("region", "Тверская область").put("municipality", "Кесовогорский муниципальный округ");
        doc.put("asOf", asOf);
        doc.putObject("period").put("from", "2023-11-14").put("to", asOf);
        return doc;
    }

}
