package ru.edu.auditor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import ru.edu.auditor.facts.FieldProblem;

/** An RFC 9457 problem document (application/problem+json); {@code errors} lists every invalid field by JSON path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public static Problem invalid(List<FieldProblem> errors) {
        return new Problem("https://auditor.local/problems/invalid-facts", "Сведения не прошли проверку", 400,
                "Найдено ошибок: " + errors.size() + ". Каждая указана с путём к полю (JSON Path); схема — GET /api/v1/schema.", errors);
    }
}
