package ru.edu.auditor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.Json;
import ru.edu.auditor.api.FactsValidator;
import ru.edu.auditor.api.FieldProblem;
import ru.edu.auditor.api.RulesHolder;
import ru.edu.auditor.engine.Auditor;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.report.AuditReport;

/**
 * One audit from a submitted document to a report: validate, bind, run the engine on the rule set current
 * at the start (an audit in flight keeps the rule set it started with), log the decision. Every front end
 * (HTTP, CLI, batch) goes through here.
 */
public final class AuditService {
    private static final Logger decisions = LoggerFactory.getLogger("decisions");
    private final RulesHolder rules;

    public AuditService(RulesHolder rules) { this.rules = rules; }

    public RulesHolder rules() { return rules; }

    /**
     * Either the report or every problem of the document (then {@code report} is null). {@code stored}: the
     * audit is committed to the audit store (false while no store is configured).
     */
    public record Outcome(AuditReport report, AuditFacts facts, List<FieldProblem> problems, boolean stored) {
        public boolean ok() { return report != null; }
    }

    /** An audit submitted by nobody in particular (CLI, tests). */
    public Outcome audit(JsonNode doc) { return audit(doc, null); }

    /** {@code submittedBy}: the name of the API token that submitted the document, or null. */
    public Outcome audit(JsonNode doc, String submittedBy) {
        if (doc == null || !doc.isObject()) {
            return new Outcome(null, null, List.of(new FieldProblem("$", "ожидается JSON-объект со сведениями об организации", "type")), false);
        }
        List<FieldProblem> problems = FactsValidator.validate(doc);
        if (!problems.isEmpty()) return new Outcome(null, null, problems, false);
        AuditFacts facts;
        try {
            facts = Json.mapper().treeToValue(doc, AuditFacts.class);
        } catch (JsonProcessingException e) { // the schema admits nothing that cannot bind; a guard, never a 500
            return new Outcome(null, null, List.of(new FieldProblem("$", "документ не удаётся прочитать: " + e.getOriginalMessage(), "binding")), false);
        }
        RuleSet ruleSet = rules.current();
        AuditReport report = Auditor.audit(facts, ruleSet);
        decisions.info("decision={} rules={} org=\"{}\" asOf={} status={} by={}", report.decisionId(), report.rulesVersion(),
                facts.getOrganization().getName(), facts.getAsOf(), report.status(), submittedBy);
        return new Outcome(report, facts, List.of(), false);
    }
}
