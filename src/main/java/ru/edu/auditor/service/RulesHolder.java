package ru.edu.auditor.service;

import java.util.concurrent.atomic.AtomicReference;
import ru.edu.auditor.engine.RuleSet;

/** The rule set currently serving audits; replaced only whole, in one atomic step. */
public final class RulesHolder {
    private final AtomicReference<RuleSet> current;

    public RulesHolder(RuleSet initial) { this.current = new AtomicReference<>(initial); }

    public RuleSet current() { return current.get(); }

    public void replace(RuleSet next) { current.set(next); }
}
