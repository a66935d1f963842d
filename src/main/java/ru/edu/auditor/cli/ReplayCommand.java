package ru.edu.auditor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.StoreServices;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.service.Replays;
import ru.edu.auditor.service.access.Tokens;

/** {@code replay DECISION_ID}: runs a stored audit again on the archived rules of its version and compares. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Воспроизвести сохранённую проверку: её сведения и история, которую она использовала, проверяются снова",
                "по архивной копии правил той версии, по которой она сделана; результат сравнивается с сохранённым отчётом.",
                "Воспроизведение не сохраняется как новая проверка.",
                "Коды выхода: 0 — результат совпадает; 1 — есть расхождения; 3 — проверки нет, правил нет в архиве или архив изменён."})
public final class ReplayCommand implements Callable<Integer> {
    @Mixin Verbosity verbosity;
    @Parameters(index = "0", paramLabel = "НОМЕР", description = "Номер проверки (decisionId отчёта).")
    String decisionId;
    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (для терминала) или json.")
    TableOrJson format;
    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Override public Integer call() throws Exception {
        if (!isDecisionId(decisionId)) { // told before the store is opened: no store holds such a number
            System.err.println("Ошибка: «" + decisionId + "» — не номер проверки: номер (decisionId в отчёте) выглядит так: "
                    + "01a22d9a-2ff9-7b05-8214-f9d98ace759c");
            return ExitCodes.USAGE;
        }
        StoreServices opened = storeOptions.openOrReport();
        if (opened == null) return ExitCodes.INVALID_INPUT;
        try {
            Replays.Result r = opened.replays().replay(Tokens.Principal.operator(null), decisionId).orElse(null);
            if (r == null) {
                System.err.println("Ошибка: нет сохранённой проверки с номером «" + decisionId + "» в хранилище " + opened.where() + ".");
                return ExitCodes.INVALID_INPUT;
            }
            if (format == TableOrJson.json) {
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                System.out.println("Проверка " + r.decisionId() + " — " + r.organization() + " на " + Fmt.date(r.asOf()));
                System.out.println("Правила: " + r.rulesVersion() + " (архивная копия, содержимое сверено с версией)");
                if (r.readings() != null) System.out.println("Внимание: " + r.readings());
                if (r.identical()) {
                    System.out.println("Результат воспроизведения совпадает с сохранённым отчётом: все вердикты, пояснения и статусы те же.");
                } else {
                    System.out.println("Расхождений с сохранённым отчётом: " + r.differences().size());
                    for (Replays.Difference d : r.differences()) {
                        String where = d.decree() == null ? "отчёт" : d.clause() == null ? "решение " + d.decree() : d.decree() + " п. " + d.clause();
                        System.out.println("  " + where + ", поле " + d.field() + ": было " + d.stored() + ", стало " + d.replayed());
                    }
                }
            }
            return r.identical() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        } catch (Replays.Tampered | Replays.NotArchived | Replays.NotCompilable | Replays.FactsNoLongerValid e) {
            System.err.println("Ошибка: " + Fmt.afterColon(e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        } finally {
            StoreOptions.close(opened);
        }
    }

    /** A decision id is a UUID (8-4-4-4-12 hex digits), whatever its version. */
    static boolean isDecisionId(String s) {
        return s.strip().matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
