package ru.edu.auditor.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.edu.auditor.service.StoreServices;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.text.Fmt;

/** {@code record verify|show}: the change record of the store — whether anyone rewrote it, and its latest entries. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Журнал изменений хранилища: проверить, что он не переписан, и показать последние записи.",
                "Каждое изменение (проверка, пакет, освобождение, загрузка правил, учётные записи и токены, неудачные входы) записано",
                "с тем, кто, когда и откуда его сделал. Записи только добавляются; каждая хранит хеш предыдущей."},
        subcommands = {RecordCommand.Verify.class, RecordCommand.Show.class})
public final class RecordCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("Укажите действие: verify или show (справка: record --help).");
        return ExitCodes.USAGE;
    }

    /** {@code record verify}: walks the chain; exit 1 and the first bad entry when it was rewritten. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Проверить, что журнал изменений не переписан.", "Номера идут подряд, каждая запись продолжает предыдущую и совпадает",
                    "со своим хешем. Коды выхода: 0 — журнал цел; 1 — найдена изменённая, удалённая или вставленная запись (названа первая);",
                    "3 — хранилище недоступно."})
    static final class Verify implements Callable<Integer> {
        @Mixin StoreOptions storeOptions = new StoreOptions();

        @Override public Integer call() {
            StoreServices opened = storeOptions.openOrReport();
            if (opened == null) return ExitCodes.INVALID_INPUT;
            try {
                ChangeRecord.Verification v = opened.record().verify();
                (v.intact() ? System.out : System.err).println(v.inWords());
                return v.intact() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            } finally {
                StoreOptions.close(opened);
            }
        }
    }

    /** {@code record show}: the latest entries. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Показать последние записи журнала изменений (новые сверху).")
    static final class Show implements Callable<Integer> {
        @Mixin StoreOptions storeOptions = new StoreOptions();
        @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "Сколько записей показать (по умолчанию 50, не больше 1000).")
        int limit;

        @Override public Integer call() {
            if (limit < 1 || limit > 1000) {
                System.err.println("Ошибка: --limit — число от 1 до 1000.");
                return ExitCodes.USAGE;
            }
            StoreServices opened = storeOptions.openOrReport();
            if (opened == null) return ExitCodes.INVALID_INPUT;
            try {
                List<ChangeRecord.Entry> page = opened.record().page(null, limit, null);
                if (page.isEmpty()) System.out.println("Журнал изменений пуст.");
                for (ChangeRecord.Entry e : page) {
                    System.out.println(Fmt.format("№ %-6d %s  %-20s %-16s %s", e.seq(), e.at().toString().replace('T', ' ').replace("Z", " UTC"),
                            e.actor() == null ? "—" : e.actor(), e.address() == null ? "—" : e.address(), e.summary()));
                }
                return ExitCodes.OK;
            } finally {
                StoreOptions.close(opened);
            }
        }
    }
}
