package ru.edu.auditor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ru.edu.auditor.engine.Readings;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.engine.RulesFiles;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.report.HistoryUsed;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.RulesArchive;
import ru.edu.auditor.store.StoreException;
import ru.edu.auditor.store.StoredAudit;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;

/**
 * Replays a stored audit: its stored facts, completed with exactly the history the original audit took (kept with
 * it), judged again by the archived rules of its version, under its own decision id. The result is compared with
 * the stored report verdict by verdict and explanation by explanation; nothing is stored.
 */
public final class Replays {
    /** Compiled archived versions kept for further replays (a compile takes seconds). */
    private static final int CACHED_VERSIONS = 3;

    private final AuditRepository store;
    private final Visibility visibility;
    private final Map<String, RuleSet> compiled = new LinkedHashMap<>(4, 0.75f, true);

    /** Replays for the whole installation only (a command on the server's machine): no catalog to read scopes by. */
    public Replays(AuditRepository store) {
        this(store, new Visibility(() -> {
            throw new IllegalStateException("replays made without the live catalog serve callers over the whole installation only");
        }, store));
    }

    /** Replays for callers of any scope, {@code visibility} deciding whose audits each may replay. */
    public Replays(AuditRepository store, Visibility visibility) {
        this.store = store;
        this.visibility = visibility;
    }

    /** One thing the replay answered otherwise: {@code field} of a clause (or of a decree when {@code clause} is null, or of the report). */
    public record Difference(String decree, String clause, String field, JsonNode stored, JsonNode replayed) { }

    /** The replay's answer. {@code identical}: every verdict, explanation and status as stored. */
    /**
     * {@code rulesVersion}: the version the stored audit names; {@code replayedVersion}: the one it was replayed under
     * (the same archived files, this jar's readings, {@link Readings}); {@code readings}: a Russian note when the two
     * differ in their readings (or the audit predates readings in the version), else null. {@code identical} compares
     * the reports (verdicts, explanations, the files part of the version); the note says whether the readings were the same.
     */
    public record Result(String decisionId, String rulesVersion, String organization, LocalDate asOf, boolean identical, List<Difference> differences,
                         String replayedVersion, String readings) { }

    /** Why a replay is not under the readings the audit was made under (Russian), or null when it is. */
    static String readingsNote(String storedVersion, String replayedVersion) {
        String was = Readings.readingsPart(storedVersion);
        String now = Readings.readingsPart(replayedVersion);
        if (was != null && was.equals(now)) return null;
        if (was == null) {
            return "Проверка сделана до того, как версия правил стала называть и чтения, записанные в коде аудитора (общие проверки, сроки, "
                    + "справочники, каталог, модель сведений): совпадают ли они с нынешними (r" + now + "), неизвестно. Воспроизведение идёт по архивным "
                    + "файлам правил " + storedVersion + " и чтениям этой версии аудитора.";
        }
        return "Чтения правил в коде аудитора изменились: проверка сделана при r" + was + ", воспроизведение идёт при r" + now
                + " (аудитор обновлён; общие проверки, сроки, справочники, каталог или модель сведений другие). Файлы правил те же, но версия "
                + "правил проверки " + storedVersion + " не та же, что у воспроизведения (" + replayedVersion + "): расхождения могут объясняться "
                + "обновлением аудитора, а не файлами правил.";
    }

    /** The stored audit names a rules version the archive does not hold (an audit stored before the archive existed). */
    public static final class NotArchived extends RuntimeException {
        public NotArchived(String decisionId, String version) {
            super("Правила версии " + version + ", по которым сделана проверка " + decisionId + ", не сохранены в архиве правил"
                    + " (проверка сделана до появления архива): воспроизвести её нельзя.");
        }
    }

    /** The stored facts no longer pass the facts validation of this version of the auditor. */
    public static final class FactsNoLongerValid extends RuntimeException {
        public FactsNoLongerValid(String decisionId, List<FieldProblem> problems) {
            super("Сохранённые сведения проверки " + decisionId + " не проходят проверку сведений этой версии аудитора (ошибок: "
                    + problems.size() + ", первая — " + problems.get(0) + "): воспроизвести проверку нельзя.");
        }
    }

    /** The archived rules of the audit no longer compile (the engine changed in a way they cannot follow). */
    public static final class NotCompilable extends RuntimeException {
        public NotCompilable(String version, RuleSet.InvalidRules e) {
            super("Архивные правила версии " + version + " не компилируются этой версией аудитора: " + e.problems().size()
                    + " ошибок, первая — " + e.problems().get(0) + ".");
        }
    }

    /** The archived copy of the rules no longer matches its version: someone changed it in the store. */
    public static final class Tampered extends RuntimeException {
        public Tampered(RulesArchive.Tampered e) { super(e.getMessage(), e); }
    }

    /**
     * Replays the audit {@code decisionId} for {@code who}; empty when no such audit is stored or {@code who} does not
     * see its organization. Throws {@link NotArchived}, {@link Tampered}, {@link NotCompilable}, {@link FactsNoLongerValid}.
     */
    public Optional<Result> replay(Tokens.Principal who, String decisionId) {
        if (HistoryQueries.unstorable(decisionId)) return Optional.empty();
        StoredAudit stored = store.find(decisionId).orElse(null);
        if (stored == null || !visibility.sees(who, stored)) return Optional.empty();
        RuleSet rules = rules(decisionId, stored.rulesVersion());
        JsonNode storedReport;
        JsonNode doc;
        try {
            storedReport = Json.mapper().readTree(stored.report());
            doc = Json.mapper().readTree(stored.facts());
        } catch (IOException e) {
            throw new StoreException("the stored documents of audit " + decisionId + " are unreadable", e);
        }
        AuditReport replayed = audit(doc, store.replaySource().historyAdded(decisionId).orElse(null), storedReport, rules, decisionId,
                store.exemptions());
        List<Difference> differences = compare(storedReport, Json.mapper().valueToTree(replayed));
        return Optional.of(new Result(decisionId, stored.rulesVersion(), stored.organizationName(), stored.asOf(), differences.isEmpty(), differences,
                replayed.rulesVersion(), readingsNote(stored.rulesVersion(), replayed.rulesVersion())));
    }

    /**
     * Audits a stored document again with {@code rules}: validated as on submission, completed with the history
     * the stored audit took ({@code added}, {@code storedReport}'s {@code history}), under {@code decisionId}.
     */
    public static AuditReport audit(JsonNode doc, String added, JsonNode storedReport, RuleSet rules, String decisionId,
                                    ru.edu.auditor.store.ExemptionRepository exemptions) {
        return ru.edu.auditor.report.Exemptions.apply(audit(doc, added, storedReport, rules, decisionId), exemptionsApplied(storedReport, exemptions));
    }

    /**
     * The exemptions the stored audit applied (named by {@code evidence.exemptionId} of its EXEMPT clauses), as they
     * held then: a revocation recorded after the audit does not change what the audit was, so it is left out.
     */
    public static List<ru.edu.auditor.report.Exemptions.Exemption> exemptionsApplied(JsonNode storedReport, ru.edu.auditor.store.ExemptionRepository exemptions) {
        List<ru.edu.auditor.report.Exemptions.Exemption> out = new java.util.ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (JsonNode d : storedReport.path("decrees")) {
            for (JsonNode c : d.path("clauses")) {
                JsonNode id = c.path("evidence").path("exemptionId");
                if (!"EXEMPT".equals(c.path("status").asText()) || !id.canConvertToLong() || !seen.add(id.asLong())) continue;
                exemptions.find(id.asLong()).ifPresent(r -> {
                    ru.edu.auditor.report.Exemptions.Exemption e = r.exemption();
                    out.add(new ru.edu.auditor.report.Exemptions.Exemption(e.id(), e.organizationKey(), e.decree(), e.clause(), e.justification(),
                            e.documentNumber(), e.documentDate(), e.recordedBy(), e.recordedAt(), e.expiresOn(), null, null));
                });
            }
        }
        return out;
    }

    public static AuditReport audit(JsonNode doc, String added, JsonNode storedReport, RuleSet rules, String decisionId) {
        FactsValidator.Checked checked = FactsValidator.check(doc);
        if (!checked.valid()) throw new FactsNoLongerValid(decisionId, checked.problems());
        AuditFacts facts = checked.facts();
        HistoryUsed used = historyUsed(storedReport.get("history"));
        HistoryFacts.replay(facts, added, used);
        return Auditor.audit(facts, rules, decisionId).withHistory(used);
    }

    /** The archived rules of {@code version}: read and checked on every replay (a copy altered since is refused), compiled once. */
    private RuleSet rules(String decisionId, String version) {
        RulesFiles files;
        try {
            files = store.rulesArchive().find(version).orElseThrow(() -> new NotArchived(decisionId, version));
        } catch (RulesArchive.Tampered e) {
            throw new Tampered(e);
        }
        synchronized (compiled) {
            RuleSet rs = compiled.get(files.sha256());
            if (rs != null) return rs;
        }
        RuleSet rs;
        try {
            rs = files.compile();
        } catch (RuleSet.InvalidRules e) {
            throw new NotCompilable(version, e);
        } catch (IOException e) {
            throw new StoreException("cannot unpack archived rules " + version, e);
        }
        synchronized (compiled) {
            compiled.put(files.sha256(), rs);
            Iterator<String> it = compiled.keySet().iterator();
            while (compiled.size() > CACHED_VERSIONS && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        return rs;
    }

    private static HistoryUsed historyUsed(JsonNode h) {
        if (h == null || h.isNull()) return null;
        return new HistoryUsed(text(h.get("previousIndicatorsFrom")),
                h.hasNonNull("previousIndicatorsAsOf") ? LocalDate.parse(h.get("previousIndicatorsAsOf").asText()) : null,
                strings(h.get("weeklyAnalysesFrom")), strings(h.get("monthlyReportsFrom")));
    }

    private static String text(JsonNode n) { return n == null || n.isNull() ? null : n.asText(); }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) n.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Fields of the report, of a decree and of a clause that a replay must give again; the rest (time of audit) may differ. */
    private static final List<String> REPORT_FIELDS = List.of("rulesVersion", "status", "summary", "errors");
    private static final Set<String> NOT_COMPARED = Set.of("clauses");

    /** Every difference between two reports of one audit: report fields, then per decree, then per clause. */
    public static List<Difference> compare(JsonNode stored, JsonNode replayed) {
        List<Difference> out = new ArrayList<>();
        for (String f : REPORT_FIELDS) diff(out, null, null, f, stored.get(f), replayed.get(f));
        Map<String, JsonNode> before = byKey(stored.get("decrees"), "id");
        Map<String, JsonNode> after = byKey(replayed.get("decrees"), "id");
        for (String decree : union(before.keySet(), after.keySet())) {
            JsonNode a = before.get(decree);
            JsonNode b = after.get(decree);
            if (a == null || b == null) {
                diff(out, decree, null, "decree", a, b);
                continue;
            }
            for (String f : union(names(a), names(b))) if (!NOT_COMPARED.contains(f)) diff(out, decree, null, f, a.get(f), b.get(f));
            Map<String, JsonNode> ca = byKey(a.get("clauses"), "clause");
            Map<String, JsonNode> cb = byKey(b.get("clauses"), "clause");
            for (String clause : union(ca.keySet(), cb.keySet())) {
                JsonNode x = ca.get(clause);
                JsonNode y = cb.get(clause);
                if (x == null || y == null) {
                    diff(out, decree, clause, "clause", x, y);
                    continue;
                }
                for (String f : union(names(x), names(y))) diff(out, decree, clause, f, x.get(f), y.get(f));
            }
        }
        return out;
    }

    private static void diff(List<Difference> out, String decree, String clause, String field, JsonNode a, JsonNode b) {
        JsonNode x = a == null || a.isMissingNode() ? null : a;
        JsonNode y = b == null || b.isMissingNode() ? null : b;
        if (decree == null && "rulesVersion".equals(field) && x != null && y != null) {
            // the files part: a change of the readings in Java is said by Result.readings, an audit from before they were named still matches
            x = com.fasterxml.jackson.databind.node.TextNode.valueOf(Readings.filesPart(x.asText()));
            y = com.fasterxml.jackson.databind.node.TextNode.valueOf(Readings.filesPart(y.asText()));
        }
        if (x == null ? y != null : !x.equals(SAME_VALUE, y)) out.add(new Difference(decree, clause, field, x, y));
    }

    /**
     * Node equality with numbers compared by value: a stored report is parsed from text (1 is an int node) and a
     * replayed one converted from objects (a long id is a long node), and the two are the same answer.
     */
    private static final java.util.Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    };

    private static Map<String, JsonNode> byKey(JsonNode list, String key) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        if (list != null) list.forEach(n -> m.put(n.path(key).asText(), n));
        return m;
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new LinkedHashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }
}
