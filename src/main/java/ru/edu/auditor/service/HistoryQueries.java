package ru.edu.auditor.service;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.report.OrganizationHistory;
import ru.edu.auditor.report.ReportVerdicts;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.store.RollupQueries;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.OrganizationFilter;
import ru.edu.auditor.store.ScopeFilter;
import ru.edu.auditor.store.StoredAudit;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;

/**
 * What the stored audits answer: one report, one organization's audits over time, a municipality's roll-up — each
 * for a caller, within its scope ({@link Visibility}): an organization outside it is not found, a list leaves it out.
 */
public final class HistoryQueries {
    private final AuditRepository store;
    private final RulesHolder rules;
    private final Replays replays;
    private final Visibility visibility;
    /**
     * One impact of candidate rules at a time on this server, whoever asks (API or workspace): each one compiles a
     * candidate and re-audits every stored organization on the shared batch workers.
     */
    private final OneAtATime impactSlot = new OneAtATime();

    public HistoryQueries(AuditRepository store, RulesHolder rules) {
        this.store = store;
        this.rules = rules;
        this.visibility = new Visibility(() -> rules.current().catalog(), store);
        this.replays = new Replays(store, visibility);
    }

    /** Who sees which organizations (the one check every service asks). */
    public Visibility visibility() { return visibility; }

    /** Replays of stored audits on their archived rules. */
    public Replays replays() { return replays; }

    /** The slot an impact of candidate rules on these stored audits holds while it runs. */
    public OneAtATime impactSlot() { return impactSlot; }

    /** The store the queries read (the impact of candidate rules reads it too). */
    public AuditRepository store() { return store; }

    /** The live rules. */
    public RulesHolder rules() { return rules; }

    /** "sqlite" or "postgresql". */
    public String storeKind() { return store.database().kind(); }

    public boolean storeReachable() { return store.database().reachable(); }

    /** The report of a stored audit, as answered then (JSON text); empty when none is stored or {@code who} does not see its organization. */
    public Optional<String> report(Tokens.Principal who, String decisionId) {
        return audit(who, decisionId).map(StoredAudit::report);
    }

    /** A stored audit with its facts and report; empty when none is stored or {@code who} does not see its organization. */
    public Optional<StoredAudit> audit(Tokens.Principal who, String decisionId) {
        if (unstorable(decisionId)) return Optional.empty();
        return store.find(decisionId).filter(a -> visibility.sees(who, a));
    }

    /**
     * A value no stored audit can hold: one with a NUL character (PostgreSQL text cannot hold it and refuses the
     * query; the facts validator refuses it at intake), so it is looked up nowhere and found nowhere.
     */
    static boolean unstorable(String value) { return value != null && value.indexOf('\u0000') >= 0; }

    /**
     * The organization's audits oldest first, with every clause's verdict and the verdict changes; empty when none is
     * stored or {@code who} does not see the organization.
     */
    public Optional<OrganizationHistory> organization(Tokens.Principal who, String organizationKey) {
        if (unstorable(organizationKey)) return Optional.empty();
        List<StoredAudit> audits = store.audits(organizationKey);
        if (audits.isEmpty() || !visibility.sees(who, audits.get(audits.size() - 1))) return Optional.empty();
        Map<String, Map<String, ReportVerdicts.DecreeVerdicts>> verdictsById = store.verdicts(organizationKey);
        List<OrganizationHistory.Entry> entries = new ArrayList<>();
        List<OrganizationHistory.Change> changes = new ArrayList<>();
        Map<String, ReportVerdicts.DecreeVerdicts> before = null;
        for (StoredAudit a : audits) {
            Map<String, ReportVerdicts.DecreeVerdicts> verdicts = verdictsById.getOrDefault(a.decisionId(), Map.of());
            entries.add(new OrganizationHistory.Entry(a.decisionId(), a.asOf(), a.periodFrom(), a.periodTo(), a.submittedAt(), a.submittedBy(),
                    a.rulesVersion(), a.status(), verdicts));
            if (before != null) changes.addAll(changes(before, verdicts, a));
            before = verdicts;
        }
        StoredAudit last = audits.get(audits.size() - 1);
        return Optional.of(new OrganizationHistory(organizationKey, last.organizationName(), last.municipality(), entries, changes));
    }

    /** Each audited organization's latest audit (without facts and report), by name: those {@code who} sees (filtered by the store). */
    public List<LatestAudit> organizations(Tokens.Principal who) {
        return store.latestPerOrganization(visibility.filter(who)).stream().map(a -> new LatestAudit(a.organizationKey(), a.organizationName(), a.organizationKind(),
                a.municipality(), a.asOf(), a.decisionId(), a.status())).toList();
    }

    /**
     * What the list of audited organizations is narrowed to; every part optional (null: any).
     *
     * @param municipality a municipality in any spelling the catalog knows for it (its name, an alias, «…район»)
     * @param kind the organization's kind («general», …)
     * @param status the latest audit's overall status («compliant», …)
     * @param text words of the organization's name or key
     */
    public record OrganizationQuery(String municipality, String kind, String status, String text) {
        public static final OrganizationQuery ALL = new OrganizationQuery(null, null, null, null);
    }

    /** One page of the list: the rows (municipalities by the catalog's names), the organizations matched and audited in all. */
    public record OrganizationPage(List<LatestAudit> rows, long matched, long audited) { }

    /**
     * The organizations {@code query} keeps, each by its latest audit, by name: {@code size} of them from row
     * {@code offset}, among those {@code who} sees, filtered, counted and paged by the store. A municipality is found in any spelling of it the
     * catalog knows and shown by the catalog's name.
     */
    public OrganizationPage organizations(Tokens.Principal who, OrganizationQuery query, long offset, int size) {
        var catalog = rules.current().catalog();
        Set<String> keys = null;
        if (query.municipality() != null) {
            keys = new java.util.TreeSet<>(OrganizationKey.municipalityKeys(query.municipality(), catalog));
            String name = OrganizationKey.municipalityName(query.municipality(), catalog);
            // stored spellings the catalog reads as the same place (their keys need not be among its aliases' keys)
            for (Map.Entry<String, String> m : store.municipalities(visibility.filter(who)).entrySet()) {
                if (OrganizationKey.municipalityName(m.getValue(), catalog).equals(name)) keys.add(m.getKey());
            }
        }
        ScopeFilter scope = visibility.filter(who);
        AuditRepository.LatestPage page = store.latestPerOrganization(new OrganizationFilter(scope, keys, query.kind(), query.status(), query.text()),
                offset, size);
        long audited = query.equals(OrganizationQuery.ALL) ? page.total()
                : store.latestPerOrganization(new OrganizationFilter(scope, null, null, null, null), 0, 0).total();
        List<LatestAudit> rows = page.rows().stream().map(a -> new LatestAudit(a.organizationKey(), a.organizationName(), a.organizationKind(),
                OrganizationKey.municipalityName(a.municipality(), catalog), a.asOf(), a.decisionId(), a.status())).toList();
        return new OrganizationPage(rows, page.total(), audited);
    }

    /** The catalog's name of the municipality {@code spelled} names (any of its spellings), or the spelling itself. */
    public String municipalityName(String spelled) { return OrganizationKey.municipalityName(spelled, rules.current().catalog()); }

    /** The municipalities with stored audits of organizations {@code who} sees, by the catalog's names (every spelling of one place once), sorted. */
    public List<String> municipalityNames(Tokens.Principal who) {
        var catalog = rules.current().catalog();
        return store.municipalities(visibility.filter(who)).values().stream().map(m -> OrganizationKey.municipalityName(m, catalog)).distinct().sorted().toList();
    }
    /** The municipalities with stored audits of organizations {@code who} sees (by key, as first spelled). */
    public Map<String, String> municipalities(Tokens.Principal who) { return store.municipalities(visibility.filter(who)); }

    /** The facts document of the organization's latest audit, as submitted (JSON text); empty when none is stored or {@code who} does not see it. */
    public Optional<String> latestFacts(Tokens.Principal who, String organizationKey) {
        if (unstorable(organizationKey)) return Optional.empty();
        List<StoredAudit> audits = store.audits(organizationKey);
        if (audits.isEmpty() || !visibility.sees(who, audits.get(audits.size() - 1))) return Optional.empty();
        return store.find(audits.get(audits.size() - 1).decisionId()).map(StoredAudit::facts);
    }

    /** Uses a roll-up while its organization list is read from the store. */
    @FunctionalInterface
    public interface RollupUse<T> {
        T apply(Rollup rollup) throws IOException;
    }

    /**
     * The roll-up of {@code municipality} (any spelling the catalog knows for it) on {@code asOf}, handed to
     * {@code use} — its counts aggregated in the database, its organization list read from the store while
     * {@code use} iterates it (once). With a {@code region} (may be null), organizations of a namesake
     * municipality elsewhere are left out; as in the catalog, an organization whose region was not given is kept.
     * For {@code who}: empty when the municipality lies outside its scope (answered as not found); within it, counts and
     * list cover the organizations it sees only (filtered in the database).
     */
    public <T> Optional<T> rollup(Tokens.Principal who, String municipality, String region, LocalDate asOf, RollupUse<T> use) throws IOException {
        if (unstorable(municipality) || !visibility.reaches(who, municipality)) return Optional.empty();
        var ruleSet = rules.current();
        var catalog = ruleSet.catalog();
        Set<String> keys = OrganizationKey.municipalityKeys(municipality, catalog);
        Set<String> due = RollupBuilder.dueBy(asOf, catalog, ruleSet.calendar());
        return Optional.ofNullable(store.rollups().rollup(keys, RollupQueries.regionKey(region), asOf, visibility.filter(who), due,
                (counts, latest) -> use.apply(RollupBuilder.build(municipality, region, asOf, keys, counts, latest, catalog, due))));
    }

    private static List<OrganizationHistory.Change> changes(Map<String, ReportVerdicts.DecreeVerdicts> before,
                                                           Map<String, ReportVerdicts.DecreeVerdicts> now, StoredAudit a) {
        List<OrganizationHistory.Change> out = new ArrayList<>();
        now.forEach((decree, dv) -> {
            ReportVerdicts.DecreeVerdicts prev = before.get(decree);
            if (prev == null) return;
            dv.clauses().forEach((clause, verdict) -> {
                String was = prev.clauses().get(clause);
                if (was != null && !was.equals(verdict)) out.add(new OrganizationHistory.Change(decree, clause, was, verdict, a.decisionId(), a.asOf()));
            });
        });
        return out;
    }
}
