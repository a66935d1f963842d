package ru.edu.auditor;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.tools.bench.BenchServer;
import ru.edu.auditor.tools.bench.Benchmark;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.cli.AuditBatchCommand;
import ru.edu.auditor.cli.AuditCommand;
import ru.edu.auditor.cli.BundledRules;
import ru.edu.auditor.cli.CliErrors;
import ru.edu.auditor.cli.ExitCodes;
import ru.edu.auditor.cli.LogLevels;
import ru.edu.auditor.tools.generate.GenerateCommand;
import ru.edu.auditor.cli.TestCommand;
import ru.edu.auditor.cli.ValidateCommand;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.Database;
import ru.edu.auditor.store.StoreSetup;
import ru.edu.auditor.report.Auditor;

/** Command-line entry point: {@code java -jar decree-auditor.jar serve [--host H] [--port P] [--rules DIR] [--data DIR] [--db-url URL]}. */
@Command(name = "decree-auditor", mixinStandardHelpOptions = true, version = "decree-auditor 0.1.0",
        description = "Аудитор исполнения приказов о переходе школ на ИКОП «Сферум».",
        subcommands = {App.Serve.class, ValidateCommand.class, TestCommand.class, AuditCommand.class, AuditBatchCommand.class, GenerateCommand.class,
                Benchmark.class, BenchServer.class, ru.edu.auditor.cli.ReplayCommand.class, ru.edu.auditor.cli.ImpactCommand.class, ru.edu.auditor.cli.DiffCommand.class})
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

    /** Where the rules come from: --rules, AUDITOR_RULES, ./rules, or the copy bundled in the jar. */
    static Path resolveRules(Path option) throws IOException {
        if (option != null) return option;
        String env = System.getenv("AUDITOR_RULES");
        if (env != null && !env.isBlank()) return Path.of(env);
        if (Files.isDirectory(Path.of("rules", "decrees"))) return Path.of("rules");
        return BundledRules.extract(); // a per-version cache folder, reused by every start of this jar
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Запустить HTTP API аудитора (по умолчанию 127.0.0.1:8080).")
    static final class Serve implements Callable<Integer> {
        private static final Logger log = LoggerFactory.getLogger(App.class);
        @Option(names = "--host", paramLabel = "АДРЕС", description = "Адрес для прослушивания (переменная AUDITOR_HOST; по умолчанию 127.0.0.1).")
        String host;
        @Option(names = "--port", paramLabel = "ПОРТ", description = "Порт (переменная AUDITOR_PORT; по умолчанию 8080; 0 — любой свободный).")
        Integer port;
        @Option(names = "--rules", paramLabel = "ПАПКА", description = "Папка правил (переменная AUDITOR_RULES; по умолчанию ./rules или правила, встроенные в jar).")
        Path rules;
        @Option(names = "--data", paramLabel = "ПАПКА", description = "Папка данных (переменная AUDITOR_DATA_DIR; по умолчанию ./data): токен администратора и хранилище.")
        Path data;
        @Option(names = "--db-url", paramLabel = "JDBC-АДРЕС", description = "JDBC-адрес PostgreSQL для хранилища проверок (переменная AUDITOR_DB_URL; пользователь и пароль — "
                + "в адресе или в AUDITOR_DB_USER / AUDITOR_DB_PASSWORD). По умолчанию — файл SQLite <папка данных>/auditor.db.")
        String dbUrl;
        @Option(names = "--no-watch", description = "Не следить за изменениями папки правил (перезагрузка — только POST /api/v1/rules/reload).")
        boolean noWatch;

        @Override public Integer call() throws Exception {
            String h = host != null ? host : env("AUDITOR_HOST", "127.0.0.1");
            int p;
            try {
                p = port != null ? port : Integer.parseInt(env("AUDITOR_PORT", "8080"));
            } catch (NumberFormatException e) {
                System.err.println("Ошибка: AUDITOR_PORT должен быть числом: " + System.getenv("AUDITOR_PORT"));
                return ExitCodes.INVALID_INPUT;
            }
            Path dataDir = data != null ? data : Path.of(env("AUDITOR_DATA_DIR", "data"));
            if (!CliErrors.canListen(h, p)) { // told at once, not after the rules have compiled
                System.err.println(CliErrors.cannotListen(h, p));
                return ExitCodes.STARTUP_FAILED;
            }
            // configuration first: a mistake there is reported at once, before the rules take seconds to compile
            Tokens tokens;
            try {
                tokens = Tokens.configure(System.getenv("AUDITOR_TOKENS"), System.getenv("AUDITOR_TOKENS_FILE"), dataDir);
            } catch (IllegalArgumentException e) {
                System.err.println("Ошибка: токены API заданы неверно: " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            Path dir = resolveRules(rules);
            RuleSet ruleSet;
            try {
                ruleSet = RuleSet.load(dir);
            } catch (RuleSet.InvalidRules e) {
                System.err.println("Ошибка: правила в " + dir + " не загружены:\n  " + String.join("\n  ", e.problems().stream().map(Object::toString).toList()));
                return ExitCodes.INVALID_INPUT;
            }
            StoreSetup.Opened opened;
            try {
                opened = StoreSetup.open(dbUrl, dataDir, System.getenv(), true);
            } catch (IllegalArgumentException e) {
                System.err.println("Ошибка: " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            AuditRepository store = opened.repository();
            Database database = opened.database();
            RulesHolder holder = new RulesHolder(ruleSet);
            RuleReloader reloader = new RuleReloader(dir, holder);
            AuditService auditService = new AuditService(holder, store);
            auditService.archiveQuietly(ruleSet);
            reloader.onLoaded(auditService::archiveQuietly);
            if (!noWatch) reloader.watch();
            Javalin app;
            try {
                HistoryQueries historyQueries = new HistoryQueries(store, holder);
                // the auditor's workspace (pages under /) on the same server; the decree pages name the fixtures beside the rules
                Path fixtures = dir.toAbsolutePath().resolveSibling("fixtures");
                app = ApiServer.create(new ApiServer.Services(auditService, reloader, tokens, historyQueries),
                        ru.edu.auditor.web.Workspace.frontEnd(new ru.edu.auditor.web.Workspace.Services(auditService, historyQueries, reloader,
                                tokens, Files.isDirectory(fixtures) ? fixtures : null))).start(h, p);
            } catch (RuntimeException e) {
                if (!CliErrors.isStartupFailure(e)) throw e;
                reloader.close();
                database.close();
                System.err.println(CliErrors.cannotListen(h, p));
                return ExitCodes.STARTUP_FAILED;
            }
            log.info("Аудитор слушает http://{}:{}; правила {} из папки {}", h, app.port(), ruleSet.version(), dir.toAbsolutePath());
            log.info("Рабочее место: откройте http://{}:{}/ в браузере и войдите с токеном API", h, app.port());
            if (System.getenv("AUDITOR_TOKENS") == null && System.getenv("AUDITOR_TOKENS_FILE") == null) {
                log.info("Токен API (роль admin) — в файле {}", dataDir.resolve("admin.token").toAbsolutePath());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.stop();
                try { reloader.close(); } catch (java.io.IOException ignored) { /* shutting down */ }
                try { database.close(); } catch (Exception ignored) { /* shutting down */ }
            }));
            Thread.currentThread().join();
            return ExitCodes.OK;
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
