package ru.edu.auditor.cli;

import java.nio.file.Path;
import ru.edu.auditor.engine.RuleSet;

/** Loading the --rules directory for a command: the rule set, or every problem printed and null. */
final class RulesArgument {
    private RulesArgument() { }

    static RuleSet loadOrReport(Path dir) {
        try {
            return RuleSet.load(dir);
        } catch (RuleSet.InvalidRules e) {
            System.err.println("Ошибка: правила в " + dir + " не загружены (подробности — команда validate):");
            e.problems().forEach(p -> System.err.println("  " + p));
            return null;
        }
    }
}
