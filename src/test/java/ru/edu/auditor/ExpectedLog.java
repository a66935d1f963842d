package ru.edu.auditor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The log lines a test provokes on purpose — a rule set that fails, a store that goes away, a refused rules change,
 * a hostile workbook — captured while the test runs, for it to check, instead of reaching the build's output, where
 * a green run should read green. slf4j-simple writes to whatever {@code System.err} is at the moment of each line,
 * so swapping it catches the log of every thread for the duration; the test classes of a run do not run in parallel.
 */
public final class ExpectedLog implements AutoCloseable {
    private final PrintStream saved;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private ExpectedLog() {
        saved = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing; close (try-with-resources) to stop. */
    public static ExpectedLog capture() { return new ExpectedLog(); }

    /** What was logged so far. */
    public synchronized String text() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override public void close() {
        System.err.flush();
        System.setErr(saved);
    }
}
