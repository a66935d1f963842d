package ru.edu.auditor.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -v} / {@code --verbose} option of the offline commands: the log at INFO on stderr (each decision,
 * store and rule-engine start-up) instead of warnings only. {@link LogLevels} acts on it before the command runs;
 * this mixin makes the command accept and document it.
 */
public final class Verbosity {
    @Option(names = {"-v", "--verbose"}, descriptionKey = "verbose",
            description = "Подробный журнал в stderr: каждое решение, запуск хранилища и правил (по умолчанию — только предупреждения и ошибки).")
    boolean verbose;
}
