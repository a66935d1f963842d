package ru.edu.auditor.facts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One invalid field of a submitted document: its JSON path, what is wrong (in Russian), and a machine code;
 * for a document read from a workbook also the cell it came from («Педагоги!D7», null otherwise), which then
 * also begins the message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String path, String message, String code, String cell) {
    public FieldProblem(String path, String message, String code) { this(path, message, code, null); }

    @Override public String toString() { return cell == null ? path + ": " + message : message + " (" + path + ")"; }
}
