package ru.edu.auditor;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import ru.edu.auditor.assembly.ServeCommand;
import ru.edu.auditor.cli.AuditBatchCommand;
import ru.edu.auditor.cli.AuditCommand;
import ru.edu.auditor.cli.CliErrors;
import ru.edu.auditor.cli.DiffCommand;
import ru.edu.auditor.cli.ImpactCommand;
import ru.edu.auditor.cli.LogLevels;
import ru.edu.auditor.cli.RecordCommand;
import ru.edu.auditor.cli.ReplayCommand;
import ru.edu.auditor.cli.UsersCommand;
import ru.edu.auditor.cli.TestCommand;
import ru.edu.auditor.cli.ValidateCommand;

/**
 * The product's command line: {@code java -jar decree-auditor.jar serve|audit|audit-batch|validate|test|replay|impact|diff}.
 * The benchmark and the data generator are not product commands: they have their own entry point
 * ({@code ru.edu.auditor.tools.Tools}), which {@code ./auditor bench} and {@code ./auditor generate} start.
 */
@Command(name = "decree-auditor", mixinStandardHelpOptions = true, version = "decree-auditor 0.1.0",
        description = "Аудитор исполнения приказов о переходе школ на ИКОП «Сферум».",
        footer = {"", "Инструменты разработчиков — не команды продукта: замер производительности — ./auditor bench.",
                "Синтетические сведения об организациях — ./auditor generate (справка: ./auditor generate --help)."},
        subcommands = {ServeCommand.class, ValidateCommand.class, TestCommand.class, AuditCommand.class, AuditBatchCommand.class,
                ReplayCommand.class, ImpactCommand.class, DiffCommand.class, UsersCommand.class, RecordCommand.class})
public final class App implements Callable<Integer> {

    public static void main(String[] args) {
        LogLevels.configure(args); // before the first logger: offline commands log warnings only (-v: everything)
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code main} runs it: every command, with Russian errors and documented exit codes. */
    public static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(new App()));
    }

    @Override public Integer call() {
        commandLine().usage(System.out);
        return 0;
    }
}
