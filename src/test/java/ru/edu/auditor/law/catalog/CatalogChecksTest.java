package ru.edu.auditor.law.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.law.RuleProblem;

/** What validate tells a rule author about a catalog: verbatim texts, values written once, the schema, readings. */
class CatalogChecksTest {
    static final String KH = "decrees/khasavyurt-uo-47-2023.yaml";

    static Catalog project() throws Exception {
        Catalog.Loaded l = Catalog.load(Path.of("rules"));
        assertTrue(l.problems().isEmpty(), l.problems().toString());
        return l.catalog();
    }

    /** Loads a copy of ./rules with {@code file} edited; returns the problems of the catalog. */
    static List<RuleProblem> edited(String file, String from, String to) throws Exception {
        Path dir = TestRules.copy();
        Path f = dir.resolve(file);
        String text = Files.readString(f);
        assertTrue(text.contains(from), "test setup: «" + from + "» not in " + file);
        Files.writeString(f, text.replace(from, to));
        return Catalog.load(dir).problems();
    }

    static int lineOf(String file, String needle) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("rules").resolve(file));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(needle)) return i + 1;
        throw new AssertionError(needle + " not in " + file);
    }

    @Test
    void aMistypedClauseTextIsNamedWithFileLineAndWhereItParts() throws Exception {
        List<RuleProblem> p = edited(KH, "пройти регистрацию в Сферум (создать профиль", "пройти регистрацию в Сферуме (создать профиль");
        assertEquals(1, p.size(), p.toString());
        RuleProblem only = p.get(0);
        assertEquals(KH, only.file());
        assertEquals(lineOf(KH, "пройти регистрацию в Сферум (создать"), only.line());
        assertTrue(only.message().startsWith("п. 2.1: текста пункта нет дословно в «khasavyurt-uo-47-2023.txt»"), only.message());
        assertTrue(only.message().contains("дальше в каталоге «е (создать"), only.message());
        assertTrue(only.message().contains("в тексте решения « (создать"), only.message());
    }

    @Test
    void layoutIsNotWording() throws Exception {
        assertEquals("Взять под контроль: «Учеников всего»; «Учителей всего»",
                DecreeText.normalize("**Взять** под  контроль:\n- «Учеников всего»;\n-«Учителей всего»"));
        assertEquals("2) не номер в середине строки", DecreeText.normalize("1. 2) не номер в середине строки"));
        // a line break and doubled spaces inside a verbatim text are layout: still verbatim
        assertTrue(edited(KH, "пройти регистрацию в Сферум (создать профиль", "пройти регистрацию  в\\nСферум (создать профиль").isEmpty());
        // but a changed letter is not: the decree's own typo «информационнокоммуникационную» must stay
        assertEquals(1, edited(KH, "информационнокоммуникационную", "информационно-коммуникационную").size());
    }

    @Test
    void aCatalogWithoutItsDecreeTextIsAnError() throws Exception {
        List<RuleProblem> p = edited(KH, "sourceFile: khasavyurt-uo-47-2023.txt", "sourceFile: khasavyurt-47.txt");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).toString().startsWith(KH + ":" + lineOf(KH, "sourceFile:") + ": нет файла с текстом решения «khasavyurt-47.txt»"), p.toString());
    }

    @Test
    void subclausesTakeTheirHeadingsDeadlineAndNote() throws Exception {
        Decree kh = project().decree("khasavyurt-uo-47-2023").orElseThrow();
        Clause heading = kh.clause("2").orElseThrow();
        for (String sub : List.of("2.1", "2.2", "2.3", "2.4")) {
            assertEquals(LocalDate.of(2023, 10, 20), kh.clause(sub).orElseThrow().deadline(), sub);
            assertEquals(heading.deadlineNote(), kh.clause(sub).orElseThrow().deadlineNote(), sub);
        }
        assertNull(kh.clause("4.1").orElseThrow().deadline(), "heading 4 has no deadline");
        Decree kg = project().decree("kesova-gora-oo-178-2023").orElseThrow();
        assertEquals(LocalDate.of(2023, 11, 21), kg.clause("3.2").orElseThrow().deadline());
        assertNull(kg.clause("3.3").orElseThrow().deadline(), "deadlineAppliesTo of п. 3 leaves out the monthly п. 3.3");
        assertNull(kg.clause("5.2").orElseThrow().deadline());
    }

    @Test
    void aDeadlineWrittenTwiceIsRefused() throws Exception {
        List<RuleProblem> p = edited(KH, "    text: \"пройти регистрацию в Сферум", "    deadline: 2023-10-20\n    text: \"пройти регистрацию в Сферум");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("п. 2.1: срок повторяет срок заголовка п. 2"), p.toString());
        assertTrue(p.get(0).line() > 0, p.toString());
    }

    @Test
    void deadlineAppliesToMustNameSubclauses() throws Exception {
        List<RuleProblem> p = edited("decrees/kesova-gora-oo-178-2023.yaml", "deadlineAppliesTo: [\"5.1\"]", "deadlineAppliesTo: [\"5.1\", \"6\"]");
        assertTrue(p.toString().contains("в deadlineAppliesTo назван «6», но такого подпункта у п. 5 нет"), p.toString());
    }

    @Test
    void aParameterFromAnotherClauseTakesItsValue() throws Exception {
        Decree d = project().decree("sergokala-adm-262-2023").orElseThrow();
        Object nine = d.clause("1.9").orElseThrow().parameterValues().get("indicators");
        assertNotNull(nine);
        assertEquals(nine, d.clause("1.8").orElseThrow().parameterValues().get("indicators"));
        assertEquals("1.9", d.clause("1.8").orElseThrow().parameters().get("indicators").from());
    }

    @Test
    void aClauseRepeatingAnotherDecreesClauseTakesItsValues() throws Exception {
        Catalog c = project();
        Object activity = c.decree("sergokala-adm-262-2023").orElseThrow().clause("1.4").orElseThrow().parameterValues().get("indicators");
        assertNotNull(activity);
        assertEquals(activity, c.decree("sergokala-sosh1-8-2023").orElseThrow().clause("4").orElseThrow().parameterValues().get("indicators"));
        List<RuleProblem> p = edited("decrees/sergokala-sosh1-8-2023.yaml", "        from: \"1.4\"\n        decree: sergokala-adm-262-2023",
                "        from: \"1.5\"\n        decree: sergokala-adm-262-2023");
        assertTrue(p.toString().contains("п. 4, параметр indicators: у sergokala-adm-262-2023 п. 1.5 нет параметра «indicators» со значением (value)"), p.toString());
    }

    @Test
    void aParameterQuoteMustBeTheClausesWords() throws Exception {
        List<RuleProblem> p = edited("decrees/kesova-gora-oo-178-2023.yaml", "quote: \"10 сообщений в неделю\"", "quote: \"15 сообщений в неделю\"");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("п. 4, параметр minMessagesPerWeek: слов «15 сообщений в неделю» (quote) нет в тексте п. 4"), p.toString());
        List<RuleProblem> from = edited("decrees/sergokala-adm-262-2023.yaml", "from: \"1.9\"", "from: \"1.7\"");
        assertTrue(from.toString().contains("п. 1.8, параметр indicators: у п. 1.7 нет параметра «indicators» со значением (value)"), from.toString());
    }

    @Test
    void theSchemaNamesAParameterWithoutValue() throws Exception {
        List<RuleProblem> p = edited("decrees/kesova-gora-oo-178-2023.yaml", "      minCallsPerWeek:\n        value: 1\n", "      minCallsPerWeek:\n        note: \"1\"\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().startsWith("п. 4, поле parameters.minCallsPerWeek: у параметра должно быть ровно одно из value"), p.toString());
        assertEquals(lineOf("decrees/kesova-gora-oo-178-2023.yaml", "minCallsPerWeek:"), p.get(0).line(), p.toString());
        List<RuleProblem> note = edited(KH, "    text: \"пройти регистрацию в Сферум", "    deadlineNote: \"своё пояснение\"\n    text: \"пройти регистрацию в Сферум");
        assertEquals(1, note.size(), note.toString());
        assertTrue(note.get(0).message().equals("п. 2.1: пояснение срока (deadlineNote) без срока: нужен deadline или deadlineFrom"), note.toString());
        List<RuleProblem> kind = edited(KH, "kind: heading", "kind: headline");
        assertTrue(kind.size() >= 1 && kind.get(0).line() > 0, kind.toString());
        List<RuleProblem> reading = edited(KH, "reading: officialChatsOnSferum", "reading: Official chats");
        assertTrue(reading.toString().contains("п. 2.3, поле reading:"), reading.toString());
    }

    @Test
    void aReadingNoRuleGivesIsAnError() throws Exception {
        Path dir = TestRules.copy();
        Path f = dir.resolve(KH);
        Files.writeString(f, Files.readString(f).replace("reading: officialChatsOnSferum", "reading: officialChatsInMax"));
        RuleSet.InvalidRules e = assertThrows(RuleSet.InvalidRules.class, () -> RuleSet.load(dir));
        assertTrue(e.getMessage().contains(KH + ": п. 2.3: прочтение «officialChatsInMax» (reading) не задано ни одним правилом с @reading(\"officialChatsInMax\")"),
                e.getMessage());
    }

    @Test
    void aReadingRuleNamesNoClause() throws Exception {
        Path dir = TestRules.copy();
        Path f = dir.resolve("rules/common/communication.drl".substring("rules/".length()));
        Files.writeString(f, Files.readString(f).replace("@reading(\"officialChatsOnSferum\")",
                "@reading(\"officialChatsOnSferum\") @decree(\"khasavyurt-uo-47-2023\") @clause(\"2.3\")"));
        RuleSet.InvalidRules e = assertThrows(RuleSet.InvalidRules.class, () -> RuleSet.load(dir));
        assertTrue(e.getMessage().contains("общее прочтение (@reading) не называет решение и пункт"), e.getMessage());
    }

    @Test
    void aDeadlineTakenFromAnotherClauseIsThatClausesDeadline() throws Exception {
        Catalog c = project();
        Decree adm = c.decree("sergokala-adm-262-2023").orElseThrow();
        LocalDate printed = adm.clause("1.2").orElseThrow().deadline();
        assertNotNull(printed);
        assertEquals(printed, adm.clause("1.3").orElseThrow().deadline(), "«в кратчайшие сроки» of п. 1.3 reads as п. 1.2's deadline");
        assertEquals(printed, c.decree("sergokala-sosh1-8-2023").orElseThrow().clause("3").orElseThrow().deadline(),
                "order 8 cl. 3 takes the deadline of decree 262 cl. 1.2");
        List<RuleProblem> p = edited("decrees/sergokala-sosh1-8-2023.yaml", "deadlineFrom: {decree: sergokala-adm-262-2023, clause: \"1.2\"}",
                "deadlineFrom: {decree: sergokala-adm-262-2023, clause: \"1.4\"}");
        assertTrue(p.toString().contains("п. 3: срок берётся из sergokala-adm-262-2023 п. 1.4 (deadlineFrom), но у него нет срока"), p.toString());
    }

    /** Issue 20, finding 4: {@code value: 95} beside «100 %» used to validate, and the act then said «требуется 95 %». */
    @Test
    void aNumberAbsentFromItsQuoteIsRefused() throws Exception {
        List<RuleProblem> p = edited("decrees/sergokala-adm-262-2023.yaml", "        value: 100\n        quote: \"100 % регистрацию сотрудников\"",
                "        value: 95\n        quote: \"100 % регистрацию сотрудников\"");
        assertEquals(1, p.size(), p.toString());
        assertEquals("decrees/sergokala-adm-262-2023.yaml", p.get(0).file());
        assertEquals(lineOf("decrees/sergokala-adm-262-2023.yaml", "quote: \"100 % регистрацию") - 1, p.get(0).line());
        assertEquals("п. 1.2, параметр requiredPercent: значение 95 (value) не названо в цитате «100 % регистрацию сотрудников» (quote): "
                + "цитата должна называть то же число", p.get(0).message());
        assertNull(CatalogResolver.valueAbsentFromQuote(new Parameter(100, null, null, "100% педагогических работников", null)));
        assertNull(CatalogResolver.valueAbsentFromQuote(new Parameter(30, null, null, "до 30 числа месяца", null)));
        assertNotNull(CatalogResolver.valueAbsentFromQuote(new Parameter(10, null, null, "100 сообщений", null)), "10 is not 100");
        assertNotNull(CatalogResolver.valueAbsentFromQuote(new Parameter(1, null, null, "10 звонков", null)));
    }

    @Test
    void aDeadlineNoteThatContradictsTheDeadlineIsRefused() throws Exception {
        String file = "decrees/sergokala-adm-262-2023.yaml";
        List<RuleProblem> p = edited(file, "deadlineNote: \"Срок «до 20.10.2023»", "deadlineNote: \"Срок «до 21.10.2023»");
        assertEquals(1, p.size(), p.toString());
        assertEquals(lineOf(file, "deadlineNote: \"Срок «до 20.10.2023»"), p.get(0).line());
        assertEquals("п. 1.2: пояснение срока (deadlineNote) называет срок «до 21.10.2023», а срок пункта (deadline) — 20.10.2023: исправьте одно из двух",
                p.get(0).message());
        List<RuleProblem> moved = edited(file, "    deadline: 2023-10-20\n", "    deadline: 2023-10-27\n");
        assertTrue(moved.toString().contains("а срок пункта (deadline) — 27.10.2023"), moved.toString());
    }

    // ------------------------------------------------------------ amending acts (the sample acts of test resources)

    static final String AMENDING = "decrees/kesova-gora-oo-31-2024.yaml";

    /** The live rules with the sample amending acts, {@code file} edited; the catalog's problems. */
    static List<RuleProblem> amendingEdited(String file, String from, String to) throws Exception {
        Path dir = TestRules.copyWithSamples("kesova-gora-oo-31-2024", "khasavyurt-uo-96-2025");
        Path f = dir.resolve(file);
        String text = Files.readString(f);
        assertTrue(text.contains(from), "test setup: «" + from + "» not in " + file);
        Files.writeString(f, text.replace(from, to));
        return Catalog.load(dir).problems();
    }

    @Test
    void theSampleAmendingActsLoad() throws Exception {
        Catalog.Loaded l = Catalog.load(TestRules.copyWithSamples("kesova-gora-oo-31-2024", "khasavyurt-uo-96-2025"));
        assertTrue(l.problems().isEmpty(), l.problems().toString());
    }

    /** Issue 20, finding 4: a new wording saying «6 сообщений» beside an amending order that says 5 used to pass. */
    @Test
    void aNewWordingTheAmendingActDoesNotSayIsRefused() throws Exception {
        List<RuleProblem> p = amendingEdited(AMENDING, "образовательных организаций Кесовогорского муниципального округа 5 сообщений в неделю, 1 звонок в неделю.\"\n    parameters",
                "образовательных организаций Кесовогорского муниципального округа 6 сообщений в неделю, 1 звонок в неделю.\"\n    parameters");
        String all = p.toString();
        assertTrue(all.contains(AMENDING + ":"), all);
        assertTrue(all.contains("изменение 1: новой редакции п. 4 решения kesova-gora-oo-178-2023 нет дословно в «kesova-gora-oo-31-2024.txt»"), all);
        assertTrue(all.contains("изменение 1, параметр minMessagesPerWeek: слов «5 сообщений в неделю» (quote) нет в новой редакции"), all);
    }

    @Test
    void anAmendedValueAbsentFromItsQuoteIsRefused() throws Exception {
        List<RuleProblem> p = amendingEdited(AMENDING, "        value: 5\n", "        value: 6\n");
        assertEquals(1, p.size(), p.toString());
        assertEquals("изменение 1, параметр minMessagesPerWeek: значение 6 (value) не названо в цитате «5 сообщений в неделю» (quote): "
                + "цитата должна называть то же число", p.get(0).message());
        assertTrue(p.get(0).line() > 0);
    }

    @Test
    void anAmendmentOfAClauseOrParameterThatIsNotThereIsRefused() throws Exception {
        assertTrue(amendingEdited(AMENDING, "    clause: \"4\"\n", "    clause: \"4.1\"\n").toString()
                .contains("изменение 1: в решении «kesova-gora-oo-178-2023» нет пункта 4.1 (clause)"));
        assertTrue(amendingEdited(AMENDING, "    decree: kesova-gora-oo-178-2023\n", "    decree: kesova-gora-oo-187-2023\n").toString()
                .contains("изменение 1: решения «kesova-gora-oo-187-2023» (decree) в каталоге нет — изменять нечего"));
        assertTrue(amendingEdited(AMENDING, "      minMessagesPerWeek:\n", "      minMesagesPerWeek:\n").toString()
                .contains("изменение 1: параметра «minMesagesPerWeek» у п. 4 решения kesova-gora-oo-178-2023 нет — может быть, «minMessagesPerWeek»?"));
        assertTrue(amendingEdited(AMENDING, "    from: 2024-03-01\n", "    from: 2024-03-04\n").toString()
                .contains("изменение 1: п. 1 не называет дату 04.03.2024 (from)"));
        assertTrue(amendingEdited("decrees/khasavyurt-uo-96-2025.yaml", "    clause: \"3.4\"\n", "    clause: \"3.2\"\n").toString()
                .contains("изменение 2: п. 2 не называет пункт 3.2 (clause)"));
    }

    @Test
    void theAmendedActCannotWriteTheAmendmentItself() throws Exception {
        List<RuleProblem> p = edited(KH, "    text: \"перейти на использование программного обеспечения Сферум и ВКМессенджер;\"\n",
                "    text: \"перейти на использование программного обеспечения Сферум и ВКМессенджер;\"\n    repealedBy: {decree: khasavyurt-uo-96-2025, clause: \"2\"}\n");
        assertTrue(p.toString().contains("repealedBy"), p.toString());
    }
}
