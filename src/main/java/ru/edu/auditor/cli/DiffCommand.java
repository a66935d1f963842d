package ru.edu.auditor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.RulesDiff;
import ru.edu.auditor.service.RulesService;
import ru.edu.auditor.service.StoreServices;

/** {@code diff OLD NEW}: what changed between two versions of the rules (directories or archived versions). */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Сравнить две версии правил до всякой проверки: изменённые решения, пункты, параметры и правила по именам.",
                "Версия — папка правил или версия из архива правил хранилища (sha256:…, как в отчётах).",
                "Коды выхода: 0 — версии совпадают; 1 — есть различия; 3 — версия не найдена или не читается."})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "БЫЛО", description = "Старая версия: папка правил или sha256:… из архива.")
    String oldSide;
    @Parameters(index = "1", paramLabel = "СТАЛО", description = "Новая версия: папка правил или sha256:… из архива.")
    String newSide;
    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (для терминала) или json.")
    TableOrJson format;
    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    /** Opened when a side names an archived version, once for both. */
    private StoreServices opened;

    @Override public Integer call() throws Exception {
        try {
            RulesDiff.Result r;
            try {
                r = RulesService.diff(oldSide, newSide, this::store);
            } catch (RulesService.VersionNotFound e) {
                System.err.println(e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            if (format == TableOrJson.json) System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            else print(r);
            return r.same() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        } finally {
            if (opened != null) StoreOptions.close(opened);
        }
    }

    private StoreServices store() {
        if (opened == null) opened = storeOptions.open();
        return opened;
    }

    static void print(RulesDiff.Result r) {
        System.out.println("Было: " + r.oldVersion() + "; стало: " + r.newVersion() + ".");
        if (r.same()) {
            System.out.println("Версии совпадают.");
            return;
        }
        r.catalogProblems().forEach(p -> System.out.println("Внимание: " + p));
        if (r.decrees().isEmpty()) System.out.println("Каталог решений не изменился.");
        for (RulesDiff.DecreeChange d : r.decrees()) {
            System.out.println("Решение " + d.decree() + ": " + word(d.change(), true) + (d.fields().isEmpty() ? "" : " (поля: " + labels(d.fields()) + ")"));
            for (RulesDiff.ClauseChange c : d.clauses()) {
                System.out.println("  п. " + c.clause() + ": " + word(c.change(), false) + (c.fields().isEmpty() ? "" : " (поля: " + labels(c.fields()) + ")"));
                for (RulesDiff.ParameterChange p : c.parameters()) {
                    System.out.println("    параметр " + p.name() + ": " + word(p.change(), false) + (p.change() == RulesDiff.Change.changed
                            ? ", было " + p.oldValue() + ", стало " + p.newValue() : p.change() == RulesDiff.Change.added ? ", значение " + p.newValue() : ""));
                }
            }
        }
        if (r.rules().isEmpty()) System.out.println("Правила DRL не изменились.");
        for (RulesDiff.RuleChange c : r.rules()) System.out.println("Правило " + c.file() + ": " + c.rule() + " — " + word(c.change(), true));
        for (RulesDiff.FileChange f : r.files()) System.out.println("Файл " + f.path() + ": " + word(f.change(), false));
    }

    /** The changed catalog fields by their Russian names: «срок, текст пункта». */
    private static String labels(java.util.List<String> keys) {
        return keys.stream().map(RulesDiff::fieldLabel).distinct().collect(java.util.stream.Collectors.joining(", "));
    }

    /** The participle agreeing with a neuter noun (решение, правило) or a masculine one (пункт, параметр, файл). */
    private static String word(RulesDiff.Change c, boolean neuter) {
        String w = switch (c) {
            case added -> "добавлен";
            case removed -> "удалён";
            case changed -> "изменён";
        };
        return neuter ? (w.endsWith("ён") ? w.substring(0, w.length() - 2) + "ено" : w + "о") : w;
    }
}
