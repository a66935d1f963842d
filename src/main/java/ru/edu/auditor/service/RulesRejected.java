package ru.edu.auditor.service;

import java.util.List;
import ru.edu.auditor.law.RuleProblem;

/** A rules directory that does not load: every problem found, each with its file and line. */
public final class RulesRejected extends Exception {
    private final transient List<RuleProblem> problems;

    public RulesRejected(List<RuleProblem> problems) {
        super("Правила не загружаются: " + ru.edu.auditor.text.Plural.count(problems.size(), "ошибка", "ошибки", "ошибок"));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() { return problems; }
}
