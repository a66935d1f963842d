package ru.edu.auditor.tools.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.reference.MessengerRegistry;
import ru.edu.auditor.cli.ExitCodes;
import ru.edu.auditor.cli.InputFiles;
import ru.edu.auditor.cli.Verbosity;
import ru.edu.auditor.text.Plural;

/** {@code generate --count N --seed S [--out FILE] [--rules DIR]}: synthetic facts documents as NDJSON. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Сгенерировать синтетические сведения об организациях (NDJSON, одна организация на строку) для",
                "нагрузочных проверок audit-batch и POST /api/v1/audits/batch. Организации каждого решения каталога (школы, детские",
                "сады, организации доп. образования, управления образования), поимённые списки 10–80 педагогов, мессенджеры в",
                "написаниях из справочника rules/reference/messengers.yaml; исполнившие решения и нарушители вперемешку.",
                "Одно и то же зерно (--seed) даёт тот же файл байт в байт. Каждая строка проходит проверку сведений API."})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--count"}, required = true, paramLabel = "ЧИСЛО", description = "Сколько организаций.")
    long count;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "ЧИСЛО", description = "Зерно генератора (по умолчанию 1).")
    long seed;
    @Option(names = {"-o", "--out"}, paramLabel = "ФАЙЛ", description = "Файл (по умолчанию — стандартный вывод).")
    Path out;
    @Option(names = "--rules", defaultValue = "rules", paramLabel = "ПАПКА", description = "Папка правил: каталог решений и справочник мессенджеров (по умолчанию ./rules).")
    Path rulesDir;
    @Mixin Verbosity verbosity;

    @Override public Integer call() {
        if (count < 0) {
            System.err.println("Ошибка: --count не может быть отрицательным");
            return ExitCodes.USAGE;
        }
        Catalog.Loaded catalog;
        try {
            catalog = Catalog.load(rulesDir);
        } catch (IOException e) {
            System.err.println("Ошибка: не удалось прочитать каталог решений в " + rulesDir + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        MessengerRegistry.Loaded reg = MessengerRegistry.load(rulesDir);
        if (!catalog.problems().isEmpty() || reg.registry() == null) {
            System.err.println("Каталог решений или справочник мессенджеров в " + rulesDir + " не загружен:");
            catalog.problems().forEach(p -> System.err.println("  " + p));
            reg.problems().forEach(p -> System.err.println("  " + p));
            return ExitCodes.INVALID_INPUT;
        }
        FactsGenerator gen;
        try {
            gen = new FactsGenerator(seed, catalog.catalog(), reg.registry());
        } catch (IllegalArgumentException e) {
            System.err.println("Ошибка: в каталоге решений " + rulesDir + " нет решения муниципалитета — генерировать нечего.");
            return ExitCodes.INVALID_INPUT;
        }
        try (OutputStream sink = out != null ? Files.newOutputStream(InputFiles.outputFile(out)) : System.out;
             OutputStream buffered = new BufferedOutputStream(sink, 256 * 1024)) {
            gen.writeNdjson(count, buffered);
        } catch (IOException e) {
            System.err.println("Ошибка: не удалось записать " + out + ": " + InputFiles.reason(e));
            return ExitCodes.INVALID_INPUT;
        }
        // what was written, on stderr (standard output may be the NDJSON itself)
        System.err.println(Plural.form(count, "Записана", "Записаны", "Записано") + " " + Plural.count(count, "организация", "организации", "организаций")
                + " (NDJSON, зерно " + seed + ") " + (out != null ? "в " + out : "в стандартный вывод") + ".");
        return ExitCodes.OK;
    }
}
