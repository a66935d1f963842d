package ru.edu.auditor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.service.record.Origin;
import ru.edu.auditor.text.Fmt;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.text.LogText;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.engine.FactGatherer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.facts.WeeklyIndicators;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.report.ReportVerdicts;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.store.HistorySnapshot;
import ru.edu.auditor.store.AuditIndex;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.ExemptionRepository;
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
    private static final Logger log = LoggerFactory.getLogger(AuditService.class);
    private final RulesHolder rules;
    private final AuditRepository store;
    /** The exemptions in the same store (null without a store): those in force on the audit's date are applied to its report. */
    private final ExemptionRepository exemptions;
    /** The change record of the same store ({@link ChangeRecord#NONE} without one). */
    private final ChangeRecord record;
    /** Whose organizations a caller may submit facts for. */
    private final Visibility visibility;
    /** Who submits when nobody in particular does (a command on the server's machine, a test): the whole installation, no name. */
    private static final Tokens.Principal NOBODY = new Tokens.Principal(null, ru.edu.auditor.service.access.Role.admin);

    /** Audits without a store: no history, nothing kept (CLI, tests). */
    public AuditService(RulesHolder rules) { this(rules, null); }

    public AuditService(RulesHolder rules, AuditRepository store) {
        this.rules = rules;
        this.store = store;
        this.exemptions = store == null ? null : store.exemptions();
        this.record = ChangeRecord.of(store);
        this.visibility = new Visibility(() -> rules.current().catalog(), store);
    }

    /** Who sees which organizations (the one check every service asks). */
    public Visibility visibility() { return visibility; }

    /** The change record of the audit store (every change is appended there). */
    public ChangeRecord record() { return record; }

    /** The exemptions kept in the audit store, or null without a store. */
    public ExemptionRepository exemptions() { return exemptions; }

    public RulesHolder rules() { return rules; }

    /** The journal of streamed batches in the audit store, or null without a store. */
    public ru.edu.auditor.store.BatchJournal batchJournal() { return store == null ? null : store.batchJournal(); }

    /** Whether audits are stored. */
    public boolean stores() { return store != null; }

    /**
     * Either the report or every problem of the document (then {@code report} is null). {@code stored}: the
     * audit is committed to the audit store (false while no store is configured). {@code reportJson}: the
     * report as JSON bytes when they were already written for the store (null otherwise) — the answer sends
     * these very bytes, so the stored report and the answered one are one serialisation.
     */
    public record Outcome(AuditReport report, AuditFacts facts, List<FieldProblem> problems, boolean stored, byte[] reportJson) {
        public Outcome(AuditReport report, AuditFacts facts, List<FieldProblem> problems, boolean stored) {
            this(report, facts, problems, stored, null);
        }

        public boolean ok() { return report != null; }

        /** Refused because the organization is outside the caller's scope (the API answers 403). */
        public boolean outOfScope() { return report == null && problems.stream().anyMatch(p -> Visibility.OUT_OF_SCOPE.equals(p.code())); }

        /** The report as JSON: the stored bytes, or written now. */
        public byte[] reportBytes() {
            if (reportJson != null) return reportJson;
            try {
                return Json.mapper().writeValueAsBytes(report);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise the report", e);
            }
        }
    }

    /**
     * An audit whose storing may still be under way: {@code committed} completes when it is committed (at
     * once when there is no store or nothing to store), or exceptionally with the {@link StoreException}
     * that kept it from being stored.
     */
    public record Pending(Outcome outcome, CompletableFuture<Void> committed) { }

    /** An audit submitted by nobody in particular (CLI, tests): the whole installation, no name recorded. */
    public Outcome audit(JsonNode doc) { return audit(doc, NOBODY); }

    /**
     * {@code who}: the caller that submitted the document (its name is recorded; facts for an organization outside its
     * scope are refused, {@link Outcome#outOfScope}). With a store, the audit is committed when this returns; a store
     * that fails throws {@link StoreException}.
     */
    public Outcome audit(JsonNode doc, Tokens.Principal who) {
        Pending p = auditAndStore(doc, who, true);
        try {
            p.committed().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return p.outcome();
    }

    /**
     * The same audit, but returns as soon as the report is ready and its storing queued (batches: the audits
     * of a window are committed together). The outcome says {@code stored} as it will be once
     * {@code committed} completes normally; never give the report out before that.
     */
    public Pending auditAndStore(JsonNode doc, Tokens.Principal who) { return auditAndStore(doc, who, false); }

    /**
     * {@code recorded}: a stored audit gets its own entry in the change record (a single audit; a batch's audits are
     * one entry of the batch, see {@code BatchJournaling}), appended before {@code committed} completes.
     */
    private Pending auditAndStore(JsonNode doc, Tokens.Principal who, boolean recorded) {
        java.util.Objects.requireNonNull(who, "who");
        String submittedBy = who.name();
        Instant submittedAt = Instant.now();
        if (doc == null || !doc.isObject()) {
            return done(new Outcome(null, null, List.of(new FieldProblem("$", "ожидается JSON-объект со сведениями об организации", "type")), false));
        }
        FactsValidator.Checked checked = FactsValidator.check(doc);
        if (!checked.valid()) return done(new Outcome(null, null, checked.problems(), false));
        AuditFacts facts = checked.facts();
        if (!visibility.sees(who, facts.getOrganization())) {
            return done(new Outcome(null, null, List.of(Visibility.outside(who, "$.organization")), false));
        }
        RuleSet ruleSet = rules.current();
        if (store == null) {
            AuditReport report = Auditor.audit(facts, ruleSet);
            logDecision(report, facts, submittedBy, false);
            return done(new Outcome(report, facts, List.of(), false));
        }
        // the rules that judged it are archived before the first audit naming them is stored (once per version)
        store.rulesArchive().store(ruleSet.files());
        // what this audit itself reported is kept before history is merged into the facts
        String key = OrganizationKey.of(facts.getOrganization());
        WeeklyIndicators current = FactGatherer.currentIndicators(facts);
        List<LocalDate> submittedAnalyses = facts.getWeeklyAnalyses() == null ? null : List.copyOf(facts.getWeeklyAnalyses());
        List<MonthlyReport> submittedReports = facts.getMonthlyReports() == null ? null : List.copyOf(facts.getMonthlyReports());
        String analyses = json(submittedAnalyses);
        String reports = json(submittedReports);
        HistoryFacts.Applied history;
        List<Exemptions.Exemption> inForce;
        try (HistorySnapshot snapshot = store.snapshot()) {
            history = HistoryFacts.apply(facts, snapshot, key);
            // exemptions in force on the audit's date (one indexed query) turn the clauses they cover to EXEMPT, in the report
            // answered and stored and in the clause verdicts the roll-up counts
            inForce = snapshot.exemptionsInForce(facts.getOrganization(), facts.getAsOf()).stream().map(Exemptions.Recorded::exemption).toList();
        }
        AuditReport report = Exemptions.apply(Auditor.audit(facts, ruleSet).withHistory(history.used()), inForce);
        byte[] reportJson = bytes(report);
        Organization org = facts.getOrganization();
        StoredAudit stored = new StoredAudit(report.decisionId(), key, org.getName(), org.getKind(), org.getRegion(), org.getMunicipality(),
                Applicability.placeKey(org.getMunicipality()), facts.getAsOf(),
                facts.getPeriod() == null ? null : facts.getPeriod().getFrom(), facts.getPeriod() == null ? null : facts.getPeriod().getTo(),
                report.status(), report.rulesVersion(), submittedAt, submittedBy, PlatformUse.of(facts, current, ruleSet.messengers()),
                json(current), analyses, reports, null, null);
        AuditIndex index = new AuditIndex(current == null ? null : current.getPeriodTo(), submittedAnalyses, submittedReports, verdicts(report),
                history.added());
        // the documents go as the bytes already written: no text copy of a 40 KB report on the way to the store
        CompletableFuture<Void> committed = store.writer().commit(stored, index, bytes(doc), reportJson)
                .whenComplete((ok, failed) -> { if (failed == null) logDecision(report, facts, submittedBy, true); });
        if (recorded) {
            String from = Origin.current();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("decisionId", report.decisionId());
            detail.put("organization", org.getName());
            detail.put("municipality", org.getMunicipality());
            detail.put("asOf", facts.getAsOf().toString());
            detail.put("status", report.status());
            String summary = "Сохранена проверка «" + org.getName() + "» (" + org.getMunicipality() + ") на " + Fmt.date(facts.getAsOf())
                    + ", решение " + report.decisionId();
            committed = committed.thenCompose(ok -> record.append(submittedBy, from, ChangeRecord.Action.AUDIT_STORED, summary, detail, key,
                    stored.municipalityKey()));
        }
        return new Pending(new Outcome(report, facts, List.of(), true, reportJson), committed);
    }

    /**
     * Archives a rule set that became live (a server start, a reload); a store that fails now is only logged —
     * the first audit stored under the version archives it then.
     */
    public void archiveQuietly(RuleSet ruleSet) {
        if (store == null) return;
        try {
            if (store.rulesArchive().store(ruleSet.files())) log.info("Правила {} сохранены в архиве правил хранилища", ruleSet.version());
        } catch (StoreException e) {
            log.warn("Правила {} пока не сохранены в архиве правил ({}): их сохранит первая проверка по ним", ruleSet.version(), e.getMessage());
        }
    }

    private static Pending done(Outcome o) { return new Pending(o, CompletableFuture.completedFuture(null)); }

    /** Each decree's status and each clause's verdict, in report order. */
    private static Map<String, ReportVerdicts.DecreeVerdicts> verdicts(AuditReport report) {
        Map<String, ReportVerdicts.DecreeVerdicts> out = new LinkedHashMap<>();
        for (DecreeReport d : report.decrees()) {
            Map<String, String> clauses = new LinkedHashMap<>();
            if (d.clauses() != null) for (ClauseResult c : d.clauses()) clauses.put(c.clause(), c.status().name());
            out.put(d.id(), new ReportVerdicts.DecreeVerdicts(d.status(), clauses));
        }
        return out;
    }

    /** A report or a submitted document as UTF-8 JSON. */
    private static byte[] bytes(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static void logDecision(AuditReport report, AuditFacts facts, String submittedBy, boolean stored) {
        if (decisions.isInfoEnabled()) decisions.info(decisionLine(report, facts, submittedBy, stored));
    }

    /** The decision log line: every submitted value through LogText, so no organization name can end it or write one of its own. */
    static String decisionLine(AuditReport report, AuditFacts facts, String submittedBy, boolean stored) {
        return "decision=" + report.decisionId() + " rules=" + report.rulesVersion() + " org=" + LogText.quote(facts.getOrganization().getName())
                + " asOf=" + facts.getAsOf() + " status=" + report.status() + " by=" + LogText.quote(submittedBy) + " stored=" + stored;
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
