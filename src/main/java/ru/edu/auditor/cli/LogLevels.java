package ru.edu.auditor.cli;

import java.util.List;
import java.util.Set;

/**
 * How much the log says on stderr, decided before the first logger exists (slf4j-simple reads its levels once).
 * The offline commands ({@code audit}, {@code audit-batch}, {@code validate}, {@code test}, {@code generate},
 * {@code replay}, {@code impact})
 * print their own Russian summary on stderr: there the log shows only warnings and errors — no line per decision,
 * no start-up lines of HikariCP, Flyway or Drools — unless {@code -v} / {@code --verbose} is given. {@code serve}
 * and the benchmark keep INFO (an operator reads the server's log). A level the user set
 * ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=…}) always wins.
 */
public final class LogLevels {
    /** slf4j-simple's property for the default level. */
    public static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /** The commands whose log is quiet (WARN) by default. */
    static final Set<String> QUIET = Set.of("audit", "audit-batch", "validate", "test", "generate", "replay", "impact");
    static final List<String> VERBOSE_FLAGS = List.of("-v", "--verbose");

    private LogLevels() { }

    /** Sets the default log level for the command {@code args} call; must run before any logger is created. */
    public static void configure(String[] args) {
        String level = levelFor(args);
        if (level != null && System.getProperty(DEFAULT_LEVEL) == null) System.setProperty(DEFAULT_LEVEL, level);
    }

    /** «warn» for a quiet command without {@code -v}; null (the configured default, INFO) otherwise. */
    static String levelFor(String[] args) {
        String command = null;
        boolean verbose = false;
        for (String a : args) {
            if (VERBOSE_FLAGS.contains(a)) verbose = true;
            else if (command == null && !a.startsWith("-")) command = a;
        }
        return command != null && QUIET.contains(command) && !verbose ? "warn" : null;
    }
}
