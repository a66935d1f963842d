package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.fixtures.Coverage;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/** Every fixture under fixtures/ against the rules under rules/, and the clause-coverage gate. */
class FixturesTest {
    static RuleSet rules;
    static List<Fixture> fixtures;

    @BeforeAll
    static void load() throws Exception {
        // -Dauditor.rules / -Dauditor.fixtures let a rule author run a subset (e.g. one decree in a scratch copy).
        rules = RuleSet.load(Path.of(System.getProperty("auditor.rules", "rules")));
        fixtures = FixtureRunner.load(Path.of(System.getProperty("auditor.fixtures", "fixtures")));
    }

    @TestFactory
    Stream<DynamicTest> everyFixture() {
        assertFalse(fixtures.isEmpty(), "no fixtures found");
        return fixtures.stream().map(fx -> DynamicTest.dynamicTest(fx.name(), () -> {
            List<FixtureRunner.Check> failed = FixtureRunner.run(fx, rules).stream().filter(c -> !c.passed()).toList();
            assertTrue(failed.isEmpty(), () -> failed.stream()
                    .map(c -> c.decree() + " п. " + c.clause() + ": " + String.join("; ", c.problems())
                            + (c.explanation() != null ? "\n      объяснение: " + c.explanation() : ""))
                    .collect(Collectors.joining("\n  ", fx.name() + ":\n  ", "")));
        }));
    }

    @Test
    void everyObligationHasPassFailAndPendingWhereDated() {
        List<FixtureRunner.Check> all = new ArrayList<>();
        fixtures.forEach(fx -> all.addAll(FixtureRunner.run(fx, rules)));
        List<Coverage.Row> lacking = Coverage.compute(rules.catalog(), all).stream().filter(r -> !r.complete()).toList();
        assertTrue(lacking.isEmpty(), () -> "clauses lacking fixtures:\n  " + lacking.stream()
                .map(r -> r.decree() + " п. " + r.clause() + " — нет " + r.lacking()).collect(Collectors.joining("\n  ")));
    }
}
