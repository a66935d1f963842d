package ru.edu.auditor.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.ruleapi.DecreeInForce;

/**
 * Runs the rules on one organization's facts: gathers the facts, fires the rules in a session of its own, within the
 * limits of {@link GuardedSession} (a rule that runs away or fails is named in the outcome's failures; the report
 * gives its clauses «ошибка правил» and the rest stands).
 */
public final class RuleRunner {
    private RuleRunner() { }

    /** The verdicts (and rule errors) of {@code rules} on {@code facts}, and the rules that failed. */
    public static GuardedSession.Outcome run(AuditFacts facts, RuleSet rules) {
        List<Object> workingMemory = FactGatherer.gather(facts, rules);
        Set<String> applicable = new HashSet<>();
        for (Object f : workingMemory) if (f instanceof DecreeInForce d) applicable.add(d.getDecree());
        // a run after a failure starts again from facts no rule has touched
        List<List<Object>> first = new ArrayList<>(List.of(workingMemory));
        // verdicts on decrees that do not apply are never reported (the report lists such a decree as
        // not applicable, without clauses): their rules need not fire. Helper rules (no @decree) always do,
        // so facts derived for verdict rules belong in helper rules, never in another decree's rule.
        return GuardedSession.fire(rules, () -> first.isEmpty() ? FactGatherer.gather(facts, rules) : first.remove(0), rule -> {
            String decree = rules.decreeOf(rule);
            return decree == null || applicable.contains(decree);
        }, GuardedSession.Limits.DEFAULT);
    }
}
