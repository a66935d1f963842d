package ru.edu.auditor.assembly;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.edu.auditor.cli.BundledRules;
import ru.edu.auditor.cli.CliErrors;
import ru.edu.auditor.cli.ExitCodes;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.access.Tokens;

/** {@code serve}: the HTTP API and the workspace ({@link ServerAssembly}) on one port, until the process ends. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Запустить HTTP API аудитора (по умолчанию 127.0.0.1:8080).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
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
        ServerAssembly server;
        try {
            server = ServerAssembly.build(ServerAssembly.Options.serve(dir, ruleSet, tokens, dbUrl, dataDir, System.getenv()).watchingRules(!noWatch));
        } catch (IllegalArgumentException e) {
            System.err.println("Ошибка: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        Javalin app;
        try {
            app = server.start(h, p);
        } catch (RuntimeException e) {
            if (!CliErrors.isStartupFailure(e)) throw e;
            server.close();
            System.err.println(CliErrors.cannotListen(h, p));
            return ExitCodes.STARTUP_FAILED;
        }
        log.info("Аудитор слушает http://{}:{}; правила {} из папки {}", h, app.port(), ruleSet.version(), dir.toAbsolutePath());
        log.info("Рабочее место: откройте http://{}:{}/ в браузере и войдите с токеном API", h, app.port());
        if (System.getenv("AUDITOR_TOKENS") == null && System.getenv("AUDITOR_TOKENS_FILE") == null) {
            log.info("Токен API (роль admin) — в файле {}", dataDir.resolve("admin.token").toAbsolutePath());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
        return ExitCodes.OK;
    }

    /** Where the rules come from: --rules, AUDITOR_RULES, ./rules, or the copy bundled in the jar. */
    static Path resolveRules(Path option) throws IOException {
        if (option != null) return option;
        String env = System.getenv("AUDITOR_RULES");
        if (env != null && !env.isBlank()) return Path.of(env);
        if (Files.isDirectory(Path.of("rules", "decrees"))) return Path.of("rules");
        return BundledRules.extract(); // a per-version cache folder, reused by every start of this jar
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
