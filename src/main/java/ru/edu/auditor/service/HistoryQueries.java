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
import ru.edu.auditor.store.StoredAudit;

/** What the stored audits answer: one report, one organization's audits over time, a municipality's roll-up. */
public final class HistoryQueries {
    private final AuditRepository store;
    private final RulesHolder rules;
    private final Replays replays;
    /**
     * One impact of candidate rules at a time on this server, whoever asks (API or workspace): each one compiles a
     * candidate and re-audits every stored organization on the shared batch workers.
     */
    private final OneAtATime impactSlot = new OneAtATime();

    public HistoryQueries(AuditRepository store, RulesHolder rules) {
        this.store = store;
        this.rules = rules;
        this.replays = new Replays(store);
    }

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

    /** The report of a stored audit, as answered then (JSON text). */
    public Optional<String> report(String decisionId) {
        if (unstorable(decisionId)) return Optional.empty();
        return store.find(decisionId).map(StoredAudit::report);
    }

    /**
     * A value no stored audit can hold: one with a NUL character (PostgreSQL text cannot hold it and refuses the
     * query; the facts validator refuses it at intake), so it is looked up nowhere and found nowhere.
     */
    static boolean unstorable(String value) { return value != null && value.indexOf('\u0000') >= 0; }

    /** The organization's audits oldest first, with every clause's verdict and the verdict changes; empty when none is stored. */
    public Optional<OrganizationHistory> organization(String organizationKey) {
        if (unstorable(organizationKey)) return Optional.empty();
        List<StoredAudit> audits = store.audits(organizationKey);
        if (audits.isEmpty()) return Optional.empty();
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

    /** Each audited organization's latest audit (without facts and report), by name. */
    public List<LatestAudit> organizations() {
        return store.latestPerOrganization().stream().map(a -> new LatestAudit(a.organizationKey(), a.organizationName(), a.organizationKind(),
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
     * {@code offset}, filtered, counted and paged by the store. A municipality is found in any spelling of it the
     * catalog knows and shown by the catalog's name.
     */
    public OrganizationPage organizations(OrganizationQuery query, long offset, int size) {
        var catalog = rules.current().catalog();
        Set<String> keys = null;
        if (query.municipality() != null) {
            keys = new java.util.TreeSet<>(OrganizationKey.municipalityKeys(query.municipality(), catalog));
            String name = OrganizationKey.municipalityName(query.municipality(), catalog);
            // stored spellings the catalog reads as the same place (their keys need not be among its aliases' keys)
            for (Map.Entry<String, String> m : store.municipalities().entrySet()) {
                if (OrganizationKey.municipalityName(m.getValue(), catalog).equals(name)) keys.add(m.getKey());
            }
        }
        AuditRepository.LatestPage page = store.latestPerOrganization(new OrganizationFilter(keys, query.kind(), query.status(), query.text()), offset, size);
        long audited = query.equals(OrganizationQuery.ALL) ? page.total() : store.latestPerOrganization(OrganizationFilter.ALL, 0, 0).total();
        List<LatestAudit> rows = page.rows().stream().map(a -> new LatestAudit(a.organizationKey(), a.organizationName(), a.organizationKind(),
                OrganizationKey.municipalityName(a.municipality(), catalog), a.asOf(), a.decisionId(), a.status())).toList();
        return new OrganizationPage(rows, page.total(), audited);
    }

    /** The catalog's name of the municipality {@code spelled} names (any of its spellings), or the spelling itself. */
    public String municipalityName(String spelled) { return OrganizationKey.municipalityName(spelled, rules.current().catalog()); }

    /** The municipalities with stored audits by the catalog's names (every spelling of one place once), sorted. */
    public List<String> municipalityNames() {
        var catalog = rules.current().catalog();
        return store.municipalities().values().stream().map(m -> OrganizationKey.municipalityName(m, catalog)).distinct().sorted().toList();
    }

    /** The municipalities with stored audits (by key, as first spelled). */
    public Map<String, String> municipalities() { return store.municipalities(); }

    /** The facts document of the organization's latest audit, as submitted (JSON text); empty when none is stored. */
    public Optional<String> latestFacts(String organizationKey) {
        List<StoredAudit> audits = store.audits(organizationKey);
        if (audits.isEmpty()) return Optional.empty();
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
     */
    public <T> T rollup(String municipality, String region, LocalDate asOf, RollupUse<T> use) throws IOException {
        var catalog = rules.current().catalog();
        Set<String> keys = OrganizationKey.municipalityKeys(municipality, catalog);
        return store.rollups().rollup(keys, RollupQueries.regionKey(region), asOf,
                (counts, latest) -> use.apply(RollupBuilder.build(municipality, region, asOf, keys, counts, latest, catalog)));
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
