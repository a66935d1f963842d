package ru.edu.auditor.law;

/**
 * A problem in the rules directory, located for the rule author: the file relative to the rules directory,
 * 1-based line and column (0 when unknown) and a message in Russian (Drools' own messages translated by engine.DroolsMessages, or quoted as the compiler's).
 */
public record RuleProblem(String file, int line, int column, String message) {
    public static RuleProblem inFile(String file, String message) { return new RuleProblem(file, 0, 0, message); }

    @Override public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
