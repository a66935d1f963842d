package ru.edu.auditor.service.rounds;

import java.util.List;
import ru.edu.auditor.facts.FieldProblem;

/**
 * A request about a round that cannot be done, in Russian: the round or organization is not known to the caller
 * ({@link Kind#NOT_FOUND} — also when it exists outside the caller's scope, so existence is not revealed), the round is
 * closed ({@link Kind#CLOSED}), the caller's role may not ({@link Kind#FORBIDDEN}), or the request is wrong
 * ({@link Kind#INVALID}, every problem by field path).
 */
public final class RoundRefused extends RuntimeException {
    public enum Kind { NOT_FOUND, CLOSED, FORBIDDEN, INVALID }

    private final Kind kind;
    private final List<FieldProblem> problems;

    public RoundRefused(Kind kind, String message, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public static RoundRefused notFound(String message) { return new RoundRefused(Kind.NOT_FOUND, message, List.of()); }

    public static RoundRefused invalid(List<FieldProblem> problems) {
        return new RoundRefused(Kind.INVALID, "Запрос не принят: " + ru.edu.auditor.text.Plural.count(problems.size(), "ошибка", "ошибки", "ошибок") + ".", problems);
    }

    public Kind kind() { return kind; }

    public List<FieldProblem> problems() { return problems; }
}
