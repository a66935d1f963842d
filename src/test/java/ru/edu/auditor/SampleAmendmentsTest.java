package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/**
 * The sample amending acts (test resources only: order № 96 repeals and rewords clauses of the real order № 47,
 * order № 31 rewords 178 п. 4 with a new parameter) loaded beside the live rules: amendment, repeal, the wording of
 * the period judged, and undo by removing the amending act's files. The amended acts' files are never touched.
 */
class SampleAmendmentsTest {
    static final String[] SAMPLES = {"khasavyurt-uo-96-2025", "kesova-gora-oo-31-2024", "kesova-gora-oo-64-2024"};

    @Test
    void theLiveRulesHoldNoSample() throws Exception {
        try (var s = Files.list(Path.of("rules/decrees"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".txt")).toList()) {
                assertFalse(Files.readString(f).contains("ОБРАЗЕЦ"), "a sample in the live rules: " + f);
            }
        }
        RuleSet live = RuleSet.load(Path.of("rules"));
        for (String id : SAMPLES) assertTrue(live.catalog().decree(id).isEmpty(), id + " is in the live catalog");
        Decree d47 = live.catalog().decree("khasavyurt-uo-47-2023").orElseThrow();
        for (Clause c : d47.clauses()) {
            assertNull(c.inForceUntil(), "order № 47 as signed: п. " + c.id() + " is not repealed");
            assertTrue(c.versions().isEmpty(), "order № 47 as signed: п. " + c.id() + " has its signed wording only");
        }
    }

    @Test
    void addingTheAmendingActsFilesIsTheWholeChange() throws Exception {
        Path dir = TestRules.copyWithSamples(SAMPLES);
        String signed47 = Files.readString(dir.resolve("decrees/khasavyurt-uo-47-2023.yaml"));
        RuleSet rules = RuleSet.load(dir);
        assertEquals(Files.readString(Path.of("rules/decrees/khasavyurt-uo-47-2023.yaml")), signed47, "the amended act's catalog is untouched");

        Decree d47 = rules.catalog().decree("khasavyurt-uo-47-2023").orElseThrow();
        Clause c23 = d47.clause("2.3").orElseThrow();
        assertEquals(LocalDate.of(2025, 8, 31), c23.inForceUntil(), "repealed from 01.09.2025: the last day in force is 31.08.2025");
        assertTrue(c23.inForceOn(LocalDate.of(2025, 8, 31)) && !c23.inForceOn(LocalDate.of(2025, 9, 1)));
        assertEquals("п. 2 Приказа МКУ «Управление образования» МО «Хасавюртовский район» № 96 от 15.08.2025", c23.repealedBy().toString());
        Clause c33 = d47.clause("3.3").orElseThrow();
        assertNull(c33.versionOn(LocalDate.of(2025, 8, 31)));
        assertTrue(c33.textOn(LocalDate.of(2025, 9, 1)).endsWith("в национальном мессенджере MAX;"), c33.textOn(LocalDate.of(2025, 9, 1)));
        assertFalse(c33.textOn(LocalDate.of(2023, 10, 20)).contains("MAX"));

        Clause c4 = rules.catalog().decree("kesova-gora-oo-178-2023").orElseThrow().clause("4").orElseThrow();
        assertEquals(10, c4.parameterValuesOn(LocalDate.of(2024, 2, 29)).get("minMessagesPerWeek"));
        assertEquals(5, c4.parameterValuesOn(LocalDate.of(2024, 3, 1)).get("minMessagesPerWeek"));
        assertEquals(1, c4.parameterValuesOn(LocalDate.of(2024, 3, 1)).get("minCallsPerWeek"), "a parameter the new wording keeps");

        List<Fixture> fixtures = FixtureRunner.load(TestRules.SAMPLES.resolve("fixtures"));
        assertTrue(fixtures.size() >= 10, "the sample fixtures: " + fixtures.size());
        for (Fixture fx : fixtures) {
            List<FixtureRunner.Check> failed = FixtureRunner.run(fx, rules).stream().filter(c -> !c.passed()).toList();
            assertTrue(failed.isEmpty(), () -> fx.name() + ":\n  " + failed.stream()
                    .map(c -> c.decree() + " п. " + c.clause() + ": " + String.join("; ", c.problems()) + "\n      объяснение: " + c.explanation())
                    .collect(Collectors.joining("\n  ")));
        }
    }

    /** The repro of the issue: a February week audited in March is judged by the wording of February, not of the audit date. */
    @Test
    void theWeekIsJudgedByItsOwnWordingNotByTheAuditDate() throws Exception {
        RuleSet rules = RuleSet.load(TestRules.copyWithSamples("kesova-gora-oo-31-2024"));
        ClauseResult february = clause4(rules, "2024-03-04", "2024-02-19", "2024-02-25");
        assertEquals("FAIL", february.status().name(), february.explanation());
        assertTrue(february.explanation().contains("7 сообщений из 10"), february.explanation());
        assertTrue(february.explanation().contains("в первоначальной редакции"), february.explanation());
        assertNull(february.versionFrom());
        assertTrue(february.text().contains("10 сообщений в неделю"), "the report shows the wording applied: " + february.text());

        ClauseResult march = clause4(rules, "2024-03-11", "2024-03-04", "2024-03-10");
        assertEquals("PASS", march.status().name(), march.explanation());
        assertTrue(march.explanation().contains("в редакции п. 1 Приказа Отдела образования Кесовогорского муниципального округа № 31 от 15.02.2024, "
                + "действует с 01.03.2024"), march.explanation());
        assertEquals(LocalDate.of(2024, 3, 1), march.versionFrom());
        assertTrue(march.text().contains("5 сообщений в неделю"), march.text());
    }

    /**
     * Order № 64 (a sample) rewords 178 п. 3.3 from 01.07.2024: the report is due by the 10th instead of the 30th. One
     * audit on 20.08.2024 judges June's report (sent 25.07) by the original wording — on time, though the new wording
     * would make it late — and July's (sent 15.08) by the new one — late, though the original would allow it; each
     * month's wording is named. Without the amending act both are on time by the 30th.
     */
    @Test
    void eachMonthsReportIsJudgedByTheWordingOfThatMonth() throws Exception {
        RuleSet rules = RuleSet.load(TestRules.copyWithSamples("kesova-gora-oo-64-2024"));
        ClauseResult late = clause33(rules, "2024-08-15");
        assertEquals("FAIL", late.status().name(), late.explanation());
        assertTrue(late.explanation().contains("направлены с опозданием — за июль 2024 направлен 15.08.2024 при сроке до 10.08.2024"), late.explanation());
        assertFalse(late.explanation().contains("за июнь 2024 направлен"), "June by its own (original) wording is on time: " + late.explanation());
        assertTrue(late.explanation().contains("Отчёты за май 2024, июнь 2024 судятся в первоначальной редакции; отчёт за июль 2024 судится в редакции "
                + "п. 1 Приказа Отдела образования Кесовогорского муниципального округа № 64 от 14.06.2024, действует с 01.07.2024"), late.explanation());
        assertFalse(late.explanation().contains("Пункт проверен в"), "no one wording named for all months: " + late.explanation());

        ClauseResult onTime = clause33(rules, "2024-08-08");
        assertEquals("PASS", onTime.status().name(), onTime.explanation());
        assertTrue(onTime.explanation().contains("за июнь 2024 — 25.07.2024; за июль 2024 — 08.08.2024"), onTime.explanation());

        ClauseResult unamended = clause33(RuleSet.load(Path.of("rules")), "2024-08-15");
        assertEquals("PASS", unamended.status().name(), "by the 30th for every month: " + unamended.explanation());
        assertFalse(unamended.explanation().contains("редакци"), unamended.explanation());
    }

    private static ClauseResult clause33(RuleSet rules, String julySent) throws Exception {
        String facts = """
                {"organization": {"name": "МБУ ДО «Кесовогорский ДДТ»", "kind": "additional", "region": "Тверская область",
                                  "municipality": "Кесовогорский муниципальный округ"},
                 "asOf": "2024-08-20", "period": {"from": "2024-06-15", "to": "2024-08-18"},
                 "monthlyReports": [{"platform": "sferum", "month": "2024-05", "sentOn": "2024-06-25"},
                                    {"platform": "sferum", "month": "2024-06", "sentOn": "2024-07-25"},
                                    {"platform": "sferum", "month": "2024-07", "sentOn": "%s"}]}
                """.formatted(julySent);
        AuditReport report = Auditor.audit(Json.mapper().readValue(facts, AuditFacts.class), rules);
        assertTrue(report.errors().isEmpty(), report.errors().toString());
        return report.decrees().stream().filter(d -> d.id().equals("kesova-gora-oo-178-2023")).findFirst().orElseThrow()
                .clauses().stream().filter(c -> c.clause().equals("3.3")).findFirst().orElseThrow();
    }

    @Test
    void removingTheAmendingActsFilesUndoesTheChange() throws Exception {
        Path dir = TestRules.copyWithSamples(SAMPLES);
        assertFalse(RuleSet.load(dir).catalog().decree("kesova-gora-oo-178-2023").orElseThrow().clause("4").orElseThrow().versions().isEmpty());
        for (String id : SAMPLES) {
            for (String ext : new String[] {".txt", ".yaml", ".drl"}) Files.deleteIfExists(dir.resolve("decrees").resolve(id + ext));
        }
        RuleSet undone = RuleSet.load(dir);
        Clause c4 = undone.catalog().decree("kesova-gora-oo-178-2023").orElseThrow().clause("4").orElseThrow();
        assertTrue(c4.versions().isEmpty());
        ClauseResult march = clause4(undone, "2024-03-11", "2024-03-04", "2024-03-10");
        assertEquals("FAIL", march.status().name(), "10 messages again: " + march.explanation());
        assertFalse(march.explanation().contains("редакци"), march.explanation());
        Decree d47 = undone.catalog().decree("khasavyurt-uo-47-2023").orElseThrow();
        assertNull(d47.clause("2.3").orElseThrow().inForceUntil());
        assertTrue(d47.clause("3.3").orElseThrow().versions().isEmpty());
        assertEquals(RuleSet.load(Path.of("rules")).version(), undone.version(), "the same files as the live rules, the same rules version");
    }

    /**
     * An exemption is held on the day the clause judges: one that expired on 29.02.2024 covers the week of 19–25.02.2024
     * audited on 04.03.2024 (its own period), and not the week of 04–10.03.2024.
     */
    @Test
    void anExemptionIsReadByTheJudgedWeekNotByTheAuditDate() throws Exception {
        RuleSet rules = RuleSet.load(Path.of("rules"));
        AuditReport february = report(rules, "2024-03-04", "2024-02-19", "2024-02-25");
        ClauseResult judged = clause4(february);
        assertEquals(LocalDate.of(2024, 2, 25), judged.judgedOn(), "the week's last day");
        Exemptions.Exemption untilFebruary = new Exemptions.Exemption(1, february.organizationKey(), "kesova-gora-oo-178-2023", "4",
                "педагоги на курсах повышения квалификации", "12", LocalDate.of(2024, 2, 1), "admin", Instant.parse("2024-02-01T08:00:00Z"),
                LocalDate.of(2024, 2, 29), null, null);
        ClauseResult exempt = clause4(Exemptions.apply(february, List.of(untilFebruary)));
        assertEquals("EXEMPT", exempt.status().name(), exempt.explanation());
        assertEquals(LocalDate.of(2024, 2, 25), exempt.judgedOn());
        AuditReport march = report(rules, "2024-03-11", "2024-03-04", "2024-03-10");
        assertEquals("FAIL", clause4(Exemptions.apply(march, List.of(untilFebruary))).status().name(), "the exemption ended before this week");
    }

    /**
     * A whole act repealed by another: a week before the repeal, audited after it, is still judged under the act
     * (the clause that judges the week), while the clauses about the state on the audit date say the act lost force.
     */
    @Test
    void aWeekBeforeTheWholeActWasRepealedIsStillJudgedByIt() throws Exception {
        Path dir = TestRules.copy();
        Files.writeString(dir.resolve("decrees/kesova-gora-oo-40-2024.txt"), """
                ОБРАЗЕЦ для теста: не официальный акт.
                ПРИКАЗ 20.02.2024 № 40
                1. Признать утратившим силу с 01.03.2024 приказ Отдела образования от 15.11.2023 № 178.
                """);
        Files.writeString(dir.resolve("decrees/kesova-gora-oo-40-2024.yaml"), """
                id: kesova-gora-oo-40-2024
                sourceFile: kesova-gora-oo-40-2024.txt
                kind: приказ
                number: "40"
                date: 2024-02-20
                issuer: "Отдел образования Кесовогорского муниципального округа Тверской области"
                title: "Об отмене приказа № 178"
                citation: "Приказа Отдела образования Кесовогорского муниципального округа № 40 от 20.02.2024"
                scope: {level: municipality, region: "Тверская область", municipality: "Кесовогорский муниципальный округ"}
                effective: {inForceFrom: 2024-02-20, appliesToRelationsFrom: null, note: "Со дня подписания."}
                clauses:
                  - id: "1"
                    kind: info
                    addressee: "—"
                    text: "Признать утратившим силу с 01.03.2024 приказ Отдела образования от 15.11.2023 № 178."
                amends:
                  - {by: "1", decree: kesova-gora-oo-178-2023, from: 2024-03-01, repeal: true}
                """);
        RuleSet rules = RuleSet.load(dir);
        AuditReport february = report(rules, "2024-03-04", "2024-02-19", "2024-02-25");
        var d178 = february.decrees().stream().filter(d -> d.id().equals("kesova-gora-oo-178-2023")).findFirst().orElseThrow();
        assertTrue(d178.applicable(), d178.applicability());
        assertTrue(d178.applicability().contains("действовало в конце проверяемого периода (25.02.2024)"), d178.applicability());
        assertEquals("FAIL", clause4(february).status().name(), clause4(february).explanation());
        ClauseResult state = d178.clauses().stream().filter(c -> c.clause().equals("3.2")).findFirst().orElseThrow();
        assertEquals("NOT_APPLICABLE", state.status().name());
        assertTrue(state.explanation().startsWith("Решение утратило силу: действовало по 29.02.2024 включительно (п. 1 Приказа Отдела образования "
                + "Кесовогорского муниципального округа № 40 от 20.02.2024); проверка — на 04.03.2024."), state.explanation());
        AuditReport march = report(rules, "2024-03-11", "2024-03-04", "2024-03-10");
        var after = march.decrees().stream().filter(d -> d.id().equals("kesova-gora-oo-178-2023")).findFirst().orElseThrow();
        assertFalse(after.applicable(), "a week after the repeal: " + after.applicability());
    }

    private static AuditReport report(RuleSet rules, String asOf, String from, String to) throws Exception {
        String facts = """
                {"organization": {"name": "МБОУ «Кесовогорская СОШ»", "kind": "general", "region": "Тверская область",
                                  "municipality": "Кесовогорский муниципальный округ"},
                 "asOf": "%s", "indicators": {"current": {"periodFrom": "%s", "periodTo": "%s"}},
                 "teachers": [{"id": "t01", "name": "Алексеева Т.В.", "sferumRegistered": true, "groupChatMessages": 7, "calls": 2}]}
                """.formatted(asOf, from, to);
        AuditReport report = Auditor.audit(Json.mapper().readValue(facts, AuditFacts.class), rules);
        assertTrue(report.errors().isEmpty(), report.errors().toString());
        return report;
    }

    private static ClauseResult clause4(AuditReport report) {
        return report.decrees().stream().filter(d -> d.id().equals("kesova-gora-oo-178-2023")).findFirst().orElseThrow()
                .clauses().stream().filter(c -> c.clause().equals("4")).findFirst().orElseThrow();
    }

    private static ClauseResult clause4(RuleSet rules, String asOf, String from, String to) throws Exception {
        String facts = """
                {"organization": {"name": "МБОУ «Кесовогорская СОШ»", "kind": "general", "region": "Тверская область",
                                  "municipality": "Кесовогорский муниципальный округ"},
                 "asOf": "%s", "indicators": {"current": {"periodFrom": "%s", "periodTo": "%s"}},
                 "teachers": [{"id": "t01", "name": "Алексеева Т.В.", "sferumRegistered": true, "groupChatMessages": 7, "calls": 2}]}
                """.formatted(asOf, from, to);
        AuditReport report = Auditor.audit(Json.mapper().readValue(facts, AuditFacts.class), rules);
        assertTrue(report.errors().isEmpty(), report.errors().toString());
        return clause4(report);
    }
}
