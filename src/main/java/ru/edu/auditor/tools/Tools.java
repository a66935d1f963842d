package ru.edu.auditor.tools;

import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import ru.edu.auditor.cli.CliErrors;
import ru.edu.auditor.cli.LogLevels;
import ru.edu.auditor.tools.bench.Benchmark;
import ru.edu.auditor.tools.generate.GenerateCommand;

/**
 * The developers' tools, outside the product's command line but in the same jar:
 * {@code java -cp decree-auditor.jar ru.edu.auditor.tools.Tools bench|generate}. {@code ./auditor bench} and
 * {@code ./auditor generate} start this class.
 */
@Command(name = "decree-auditor-tools", mixinStandardHelpOptions = true, version = "decree-auditor 0.1.0",
        description = "Инструменты разработчиков аудитора: замер производительности и генератор синтетических сведений.",
        subcommands = {Benchmark.class, GenerateCommand.class})
public final class Tools implements Callable<Integer> {
    /** The commands this entry point runs (the others are the product's, {@code ru.edu.auditor.App}). */
    public static final Set<String> COMMANDS = Set.of("bench", "generate");

    /** True when {@code args} name one of the tools' commands (its first word that is not an option), as ./auditor decides. */
    public static boolean runs(String... args) {
        for (String a : args) if (!a.startsWith("-")) return COMMANDS.contains(a);
        return false;
    }

    public static void main(String[] args) {
        LogLevels.configure(args); // before the first logger: generate logs warnings only (-v: everything)
        System.exit(commandLine().execute(args));
    }

    /** The tools' command line, with the product's Russian errors and exit codes. */
    public static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(new Tools()));
    }

    @Override public Integer call() {
        commandLine().usage(System.out);
        return 0;
    }
}
