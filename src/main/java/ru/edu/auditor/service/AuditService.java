package ru.edu.auditor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.engine.FactGatherer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.facts.WeeklyIndicators;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.HistoryUsed;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.StoreException;
import ru.edu.auditor.store.StoredAudit;

/**
 * One audit from a submitted document to a report: validate, bind, complete the facts from the organization's
 * stored audits (see {@link HistoryFacts}), run the engine on the rule set current at the start (an audit in
 * flight keeps the rule set it started with), store the audit, log the decision. Every front end (HTTP, CLI,
 * batch) goes through here. With a store, the audit is committed before this returns, and a store that fails
 * throws {@link StoreException} (no report is given for an audit that was not kept).
 */
public final class AuditService {
    private static final Logger decisions = LoggerFactory.getLogger("decisions");
    private final RulesHolder rules;
    private final AuditRepository store;

    /** Audits without a store: no history, nothing kept (CLI, tests). */
    public AuditService(RulesHolder rules) { this(rules, null); }

    public AuditService(RulesHolder rules, AuditRepository store) {
        this.rules = rules;
        this.store = store;
    }

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
        Instant submittedAt = Instant.now();
        if (doc == null || !doc.isObject()) {
            return new Outcome(null, null, List.of(new FieldProblem("$", "ожидается JSON-объект со сведениями об организации", "type")), false);
        }
        FactsValidator.Checked checked = FactsValidator.check(doc);
        if (!checked.valid()) return new Outcome(null, null, checked.problems(), false);
        AuditFacts facts = checked.facts();
        RuleSet ruleSet = rules.current();
        if (store == null) {
            AuditReport report = Auditor.audit(facts, ruleSet);
            logDecision(report, facts, submittedBy, false);
            return new Outcome(report, facts, List.of(), false);
        }
        // what this audit itself reported is kept before history is merged into the facts
        String key = OrganizationKey.of(facts.getOrganization());
        WeeklyIndicators current = FactGatherer.currentIndicators(facts);
        String analyses = json(facts.getWeeklyAnalyses());
        String reports = json(facts.getMonthlyReports());
        HistoryUsed used = HistoryFacts.apply(facts, store.upTo(key, facts.getAsOf()));
        AuditReport report = Auditor.audit(facts, ruleSet).withHistory(used);
        Organization org = facts.getOrganization();
        store.save(new StoredAudit(report.decisionId(), key, org.getName(), org.getKind(), org.getRegion(), org.getMunicipality(),
                Applicability.placeKey(org.getMunicipality()), facts.getAsOf(),
                facts.getPeriod() == null ? null : facts.getPeriod().getFrom(), facts.getPeriod() == null ? null : facts.getPeriod().getTo(),
                report.status(), report.rulesVersion(), submittedAt, submittedBy, PlatformUse.of(facts, current, ruleSet.messengers()),
                json(current), analyses, reports, doc.toString(), json(report)));
        logDecision(report, facts, submittedBy, true);
        return new Outcome(report, facts, List.of(), true);
    }

    private static void logDecision(AuditReport report, AuditFacts facts, String submittedBy, boolean stored) {
        decisions.info("decision={} rules={} org=\"{}\" asOf={} status={} by={} stored={}", report.decisionId(), report.rulesVersion(),
                facts.getOrganization().getName(), facts.getAsOf(), report.status(), submittedBy, stored);
    }

    private static String json(Object value) {
        if (value == null) return null;
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
