package ru.edu.auditor.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kie.api.runtime.KieSession;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.ruleapi.DecreeInForce;
import ru.edu.auditor.ruleapi.Verdicts;

/** Runs the rules on one organization's facts: gathers the facts, fires the rules in a session of its own. */
public final class RuleRunner {
    private RuleRunner() { }

    /** The verdicts (and rule errors) of {@code rules} on {@code facts}. */
    public static Verdicts run(AuditFacts facts, RuleSet rules) {
        Verdicts out = new Verdicts();
        List<Object> workingMemory = FactGatherer.gather(facts, rules);
        Set<String> applicable = new HashSet<>();
        for (Object f : workingMemory) if (f instanceof DecreeInForce d) applicable.add(d.getDecree());
        KieSession session = rules.kieBase().newKieSession();
        try {
            session.setGlobal("out", out);
            workingMemory.forEach(session::insert);
            // verdicts on decrees that do not apply are never reported (the report lists such a decree as
            // not applicable, without clauses): their rules need not fire. Helper rules (no @decree) always do,
            // so facts derived for verdict rules belong in helper rules, never in another decree's rule.
            session.fireAllRules(match -> {
                String decree = rules.decreeOf(match.getRule());
                return decree == null || applicable.contains(decree);
            });
        } finally {
            session.dispose();
        }
        return out;
    }
}
