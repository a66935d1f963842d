package ru.edu.auditor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.service.RulesRejected;
import ru.edu.auditor.service.RulesService;

/** {@code validate [rules-dir]}: compiles every DRL and checks the catalogs; exit 0 only when clean. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Проверить папку правил: компиляция DRL (ошибки с файлом, строкой и столбцом), каталоги решений,",
                "метки @decree/@clause правил, обязанности без правил, справочник мессенджеров.",
                "Коды выхода: 0 — ошибок нет; 1 — найдены ошибки."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "rules", paramLabel = "ПАПКА", description = "Папка правил (по умолчанию ./rules).")
    Path rulesDir;
    @Mixin Verbosity verbosity;

    @Override public Integer call() {
        long t0 = System.nanoTime();
        try {
            RulesService.Validated rs = RulesService.validate(rulesDir);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("Правила в порядке: %s, решений %d, правил %d, версия %s (%d мс)%n",
                    rulesDir, rs.decrees(), rs.rules(), rs.version(), ms);
            return ExitCodes.OK;
        } catch (RulesRejected e) {
            for (RuleProblem p : e.problems()) System.out.println(p);
            System.out.println("Ошибок: " + e.problems().size());
            return ExitCodes.CHECK_FAILED;
        }
    }
}
