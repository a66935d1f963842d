package ru.edu.auditor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.fixtures.Coverage;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/** {@code test [fixtures-dir] [--rules dir]}: runs every fixture, prints failures and the clause-coverage table. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Прогнать фикстуры (проверенные случаи) на правилах и показать покрытие пунктов.",
                "Последняя строка: «пройдено N из M проверок». Коды выхода: 0 — все ожидания выполнены; 1 — есть расхождения;",
                "3 — правила не загружаются или фикстуры не читаются."})
public final class TestCommand implements Callable<Integer> {
    @Mixin Verbosity verbosity;
    @Parameters(index = "0", arity = "0..1", defaultValue = "fixtures", paramLabel = "ПАПКА", description = "Папка фикстур (по умолчанию ./fixtures).")
    Path fixturesDir;
    @Option(names = "--rules", defaultValue = "rules", paramLabel = "ПАПКА", description = "Папка правил (по умолчанию ./rules).")
    Path rulesDir;

    @Override public Integer call() {
        RulesHolder rules = RulesArgument.loadOrReport(rulesDir);
        if (rules == null) return ExitCodes.INVALID_INPUT;
        List<Fixture> fixtures;
        try {
            fixtures = FixtureRunner.load(fixturesDir);
        } catch (IOException e) {
            System.out.println("Фикстуры не читаются: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        List<FixtureRunner.Check> all = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        for (Fixture fx : fixtures) {
            List<FixtureRunner.Check> checks = FixtureRunner.run(fx, rules);
            all.addAll(checks);
            for (FixtureRunner.Check c : checks) {
                if (c.passed()) {
                    passed++;
                    continue;
                }
                failed++;
                System.out.printf("РАСХОЖДЕНИЕ %s — %s п. %s: ожидалось %s, получено %s%n", fx.name(), c.decree(), c.clause(),
                        FixtureRunner.verdictWords(c.expected()), FixtureRunner.verdictWords(c.actual()));
                c.problems().stream().filter(p -> !p.startsWith("ожидалось «")).forEach(p -> System.out.println("     " + p));
                if (c.explanation() != null) System.out.println("     объяснение: " + c.explanation());
            }
        }
        printCoverage(Coverage.compute(rules.catalog(), all));
        System.out.println("Фикстур: " + Fmt.number(fixtures.size()) + ", проверок: " + Fmt.number(all.size()));
        System.out.println(summary(passed, failed));
        return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** «пройдено 81 из 81 проверки», «пройдено 79 из 81 проверки, расходятся 2». */
    static String summary(int passed, int failed) {
        int total = passed + failed;
        return "пройдено " + Fmt.number(passed) + " из " + Fmt.number(total) + " " + Plural.genitive(total, "проверки", "проверок")
                + (failed == 0 ? "" : ", " + Plural.verb(failed, "расходится", "расходятся") + " " + Fmt.number(failed));
    }

    private static String verdicts(java.util.Set<Verdict> set) {
        return set.stream().map(v -> "«" + Labels.verdict(v.name()) + "»").collect(Collectors.joining(", "));
    }

    static void printCoverage(List<Coverage.Row> rows) {
        System.out.println();
        System.out.println("Покрытие обязанностей фикстурами (нужны «выполнено» и «нарушение», для пунктов со сроком — и «срок не наступил»):");
        Map<String, List<Coverage.Row>> byDecree = rows.stream().collect(Collectors.groupingBy(Coverage.Row::decree, LinkedHashMap::new, Collectors.toList()));
        System.out.printf("  %-26s %6s %7s %6s %8s  %s%n", "решение", "пункты", "выполн.", "наруш.", "срок", "не хватает");
        byDecree.forEach((decree, list) -> {
            long pass = list.stream().filter(r -> r.covered().contains(Verdict.PASS)).count();
            long fail = list.stream().filter(r -> r.covered().contains(Verdict.FAIL)).count();
            long dated = list.stream().filter(Coverage.Row::hasDeadline).count();
            long pending = list.stream().filter(r -> r.hasDeadline() && r.covered().contains(Verdict.PENDING)).count();
            String lacking = list.stream().filter(r -> !r.complete())
                    .map(r -> "п. " + r.clause() + " " + verdicts(r.lacking())).collect(Collectors.joining("; "));
            System.out.printf("  %-26s %6d %7d %6d %8s  %s%n", decree, list.size(), pass, fail, pending + "/" + dated,
                    lacking.isEmpty() ? "—" : lacking);
        });
        System.out.println();
    }
}
