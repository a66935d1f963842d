package ru.edu.auditor.cli;

import java.nio.file.Path;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.RulesRejected;

/** Loading the --rules directory for a command: the rules, or every problem printed and null. */
final class RulesArgument {
    private RulesArgument() { }

    static RulesHolder loadOrReport(Path dir) {
        try {
            return RulesHolder.load(dir);
        } catch (RulesRejected e) {
            System.err.println("Ошибка: правила в " + dir + " не загружены (подробности — команда validate):");
            e.problems().forEach(p -> System.err.println("  " + p));
            return null;
        }
    }
}
