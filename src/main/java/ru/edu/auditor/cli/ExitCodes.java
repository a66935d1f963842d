package ru.edu.auditor.cli;

/** Exit codes shared by every command (documented in the README). */
public final class ExitCodes {
    /** Done; for {@code validate} and {@code test}: nothing wrong. */
    public static final int OK = 0;
    /** {@code validate} found problems, or a fixture of {@code test} failed. */
    public static final int CHECK_FAILED = 1;
    /** Wrong command-line usage (picocli's own code). */
    public static final int USAGE = 2;
    /** The input could not be used: rules that do not load, facts that do not validate, an unreadable file. */
    public static final int INVALID_INPUT = 3;
    /** {@code serve} could not start listening: the port is taken or the address is not this machine's. */
    public static final int STARTUP_FAILED = 4;
    /** A failure of the auditor itself (logged with a reference number), never the user's input. */
    public static final int INTERNAL = 5;

    private ExitCodes() { }
}
