package ru.edu.auditor.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.DecreeInForce;
import ru.edu.auditor.engine.FactGatherer;
import ru.edu.auditor.engine.GuardedSession;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.engine.Verdicts;

/** Runs one audit: gathers facts, fires the rules in a session of its own, shapes the report. */
public final class Auditor {
    private static final Logger log = LoggerFactory.getLogger(Auditor.class);

    private Auditor() { }

    public static AuditReport audit(AuditFacts facts, RuleSet rules) {
        return audit(facts, rules, DecisionIds.next());
    }

    public static AuditReport audit(AuditFacts facts, RuleSet rules, String decisionId) {
        List<Object> workingMemory = FactGatherer.gather(facts, rules);
        Set<String> applicable = new HashSet<>();
        for (Object f : workingMemory) if (f instanceof DecreeInForce d) applicable.add(d.getDecree());
        // verdicts on decrees that do not apply are never reported (the report lists such a decree as
        // not applicable, without clauses): their rules need not fire. Helper rules (no @decree) always do,
        // so facts derived for verdict rules belong in helper rules, never in another decree's rule.
        // The session runs within limits: a rule that runs away or fails gets its clauses «ошибка правил», the rest stands.
        List<List<Object>> first = new java.util.ArrayList<>(List.of(workingMemory));
        GuardedSession.Outcome run = GuardedSession.fire(rules, () -> first.isEmpty() ? FactGatherer.gather(facts, rules) : first.remove(0), rule -> {
            String decree = rules.decreeOf(rule);
            return decree == null || applicable.contains(decree);
        }, GuardedSession.Limits.DEFAULT);
        Verdicts out = run.verdicts();
        AuditReport report = ReportAssembler.assemble(decisionId, rules, facts.getOrganization(), facts.getAsOf(),
                out.findings(), out.ruleErrors(), run.failures());
        if (!report.errors().isEmpty()) {
            log.error("Rule set {} failed on decision {}: {}", rules.version(), decisionId, ru.edu.auditor.text.LogText.quote(report.errors()));
        }
        return report;
    }
}
