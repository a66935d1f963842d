package ru.edu.auditor.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.engine.FactGatherer;
import ru.edu.auditor.engine.GuardedSession;
import ru.edu.auditor.engine.RuleRunner;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.ruleapi.Verdicts;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.text.LogText;

/** One audit as a report: the engine's verdicts on the facts ({@link RuleRunner}), shaped into the report. */
public final class Auditor {
    private static final Logger log = LoggerFactory.getLogger(Auditor.class);

    private Auditor() { }

    public static AuditReport audit(AuditFacts facts, RuleSet rules) {
        return audit(facts, rules, DecisionIds.next());
    }

    public static AuditReport audit(AuditFacts facts, RuleSet rules, String decisionId) {
        GuardedSession.Outcome run = RuleRunner.run(facts, rules);
        Verdicts out = run.verdicts();
        AuditReport report = ReportAssembler.assemble(decisionId, rules, facts.getOrganization(), facts.getAsOf(),
                FactGatherer.judgedPeriodEnd(facts), out.findings(), out.ruleErrors(), run.failures());
        if (!report.errors().isEmpty()) {
            log.error("Rule set {} failed on decision {}: {}", rules.version(), decisionId, LogText.quote(report.errors()));
        }
        return report;
    }
}
