package ru.edu.auditor.service;

/** One invalid field of a submitted document: its JSON path, what is wrong (in Russian), and a machine code. */
public record FieldProblem(String path, String message, String code) {
    @Override public String toString() { return path + ": " + message; }
}
