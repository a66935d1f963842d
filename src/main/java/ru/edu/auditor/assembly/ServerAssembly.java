package ru.edu.auditor.assembly;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.Passwords;
import ru.edu.auditor.service.access.PersonalTokens;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.rounds.MailSettings;
import ru.edu.auditor.service.rounds.AccountAddresses;
import ru.edu.auditor.service.rounds.RoundService;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.Database;
import ru.edu.auditor.store.StoreSetup;
import ru.edu.auditor.web.Workspace;

/**
 * The server users run, built in one place: the services over the rules and the audit store, the HTTP API and the
 * auditor's workspace beside it on the same server. {@code serve} starts it; so do the benchmark's servers and the
 * tests, so what is measured and tested is what users run. Closing it stops the server, the rules watcher and the
 * store it opened.
 */
public final class ServerAssembly implements AutoCloseable {
    /** Where the audits are kept. */
    public sealed interface Storage {
        /**
         * The store {@code serve} opens: {@code dbUrl} (else {@code AUDITOR_DB_URL} in {@code env}), else the SQLite
         * file in {@code dataDir}. A PostgreSQL that does not answer yet is no error: audits get 503 until it does.
         */
        record Configured(String dbUrl, Path dataDir, Map<String, String> env) implements Storage { }

        /** A store the caller opened and closes (the tests' stores). */
        record Given(AuditRepository repository) implements Storage { }

        /**
         * No store: audits are answered and nothing is kept, so there is no history, roll-up, batch journal,
         * exemption or rules archive, and the workspace shows no stored audits. Not a configuration {@code serve}
         * offers; the benchmark measures it as the floor under the stored configurations, and the fuzz test uses it.
         */
        record None() implements Storage { }

        static Storage configured(String dbUrl, Path dataDir, Map<String, String> env) { return new Configured(dbUrl, dataDir, env); }

        static Storage given(AuditRepository repository) { return new Given(repository); }

        static Storage none() { return new None(); }
    }

    /**
     * What to build: rules already compiled from {@code rulesDir} (compiling is left to the caller, which reports
     * invalid rules its own way and may share one compiled set between several servers), who may call, where the
     * audits are kept, and whether a change of the rules folder reloads the rules ({@code serve} without
     * {@code --no-watch}; otherwise only {@code POST /api/v1/rules/reload} does).
     */
    public record Options(Path rulesDir, RuleSet rules, Tokens tokens, Storage storage, boolean watchRules, MailSettings mail) {
        /**
         * Without mail settings of its own: a configured store's environment gives them (AUDITOR_SMTP_*), else reminders
         * are only listed.
         */
        public Options(Path rulesDir, RuleSet rules, Tokens tokens, Storage storage, boolean watchRules) {
            this(rulesDir, rules, tokens, storage, watchRules, null);
        }

        /** The same server sending monitoring reminders through {@code mail}. */
        public Options mailingThrough(MailSettings mail) { return new Options(rulesDir, rules, tokens, storage, watchRules, mail); }

        /** As {@code serve} runs by default: the store configured by {@code dbUrl}/{@code dataDir}/{@code env}, the rules folder watched. */
        public static Options serve(Path rulesDir, RuleSet rules, Tokens tokens, String dbUrl, Path dataDir, Map<String, String> env) {
            return new Options(rulesDir, rules, tokens, Storage.configured(dbUrl, dataDir, env), true);
        }

        /** On a store the caller opened and closes; the rules folder not watched. */
        public static Options onStore(Path rulesDir, RuleSet rules, Tokens tokens, AuditRepository store) {
            return new Options(rulesDir, rules, tokens, Storage.given(store), false);
        }

        /** Without a store ({@link Storage.None}: the benchmark's floor, fuzzing); the rules folder not watched. */
        public static Options withoutStore(Path rulesDir, RuleSet rules, Tokens tokens) {
            return new Options(rulesDir, rules, tokens, Storage.none(), false);
        }

        public Options watchingRules(boolean watch) { return new Options(rulesDir, rules, tokens, storage, watch, mail); }
    }

    private final AuditService audits;
    private final HistoryQueries history;
    private final RuleReloader reloader;
    private final Database ownDatabase;
    private final Javalin app;

    private ServerAssembly(AuditService audits, HistoryQueries history, RuleReloader reloader, Database ownDatabase, Javalin app) {
        this.audits = audits;
        this.history = history;
        this.reloader = reloader;
        this.ownDatabase = ownDatabase;
        this.app = app;
    }

    /**
     * Builds the server (not started yet). A store that cannot be opened is an {@link IllegalArgumentException}
     * with a Russian message; a rules folder that cannot be watched is an {@link IOException}.
     */
    public static ServerAssembly build(Options options) throws IOException {
        Database ownDatabase = null;
        AuditRepository store = null;
        // a wrong AUDITOR_SMTP_* setting stops the start with its Russian message, before anything is opened
        MailSettings mail = options.mail() != null ? options.mail()
                : options.storage() instanceof Storage.Configured c ? MailSettings.fromEnv(c.env()) : null;
        if (options.storage() instanceof Storage.Configured c) {
            StoreSetup.Opened opened = StoreSetup.open(c.dbUrl(), c.dataDir(), c.env(), true);
            ownDatabase = opened.database();
            store = opened.repository();
        } else if (options.storage() instanceof Storage.Given g) {
            store = g.repository();
        }
        RulesHolder holder = new RulesHolder(options.rules());
        RuleReloader reloader = new RuleReloader(options.rulesDir(), holder);
        try {
            AuditService audits = new AuditService(holder, store);
            HistoryQueries history = store == null ? null : new HistoryQueries(store, holder);
            audits.archiveQuietly(options.rules());
            reloader.onLoaded(audits::archiveQuietly);
            if (options.watchRules()) reloader.watch();
            // the decree pages name the fixtures kept beside the rules folder, when there are any
            Path fixtures = options.rulesDir().toAbsolutePath().resolveSibling("fixtures");
            // with a store, people sign in with their accounts and personal tokens beside the configured tokens
            Accounts accounts = store == null ? null : new Accounts(store, new Passwords());
            Tokens tokens = store == null ? options.tokens() : options.tokens().withAccounts(accounts, new PersonalTokens(store));
            reloader.recordTo(audits.record());
            // one rounds service for both front ends: reminders through the installation's mail server, when it has one, to the
            // e-mail addresses of each organization's accounts (and the contact an uploaded list gives)
            RoundService rounds = history == null ? null : new RoundService(audits, history, mail, new AccountAddresses(accounts), Clock.systemUTC());
            Javalin app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history, rounds),
                    Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, Files.isDirectory(fixtures) ? fixtures : null, rounds)));
            return new ServerAssembly(audits, history, reloader, ownDatabase, app);
        } catch (IOException | RuntimeException e) {
            closeQuietly(reloader, ownDatabase);
            throw e;
        }
    }

    /** Starts the server on {@code host}:{@code port} (0: any free port); the server, for its port. */
    public Javalin start(String host, int port) {
        return app.start(host, port);
    }

    /** The server (started or not). */
    public Javalin app() { return app; }

    /** The audits the server runs (e.g. to fill the store before measuring). */
    public AuditService audits() { return audits; }

    /** The stored audits' queries; null without a store. */
    public HistoryQueries history() { return history; }

    /** The rules reloader. */
    public RuleReloader reloader() { return reloader; }

    /** Stops the server, the rules watcher and the store opened here (a given store stays open). */
    @Override public void close() {
        app.stop();
        closeQuietly(reloader, ownDatabase);
    }

    private static void closeQuietly(RuleReloader reloader, Database database) {
        try { reloader.close(); } catch (IOException ignored) { /* closing: nothing more to do */ }
        if (database != null) {
            try { database.close(); } catch (Exception ignored) { /* closing: nothing more to do */ }
        }
    }
}
