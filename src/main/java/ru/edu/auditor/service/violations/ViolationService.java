package ru.edu.auditor.service.violations;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.RemedyOrderRepository;
import ru.edu.auditor.store.ViolationRows;

/**
 * Violations followed to the end (issue 24), derived on every read from the clause verdicts the store keeps for each
 * audit ({@code audit_clause}, {@code audit_decree}) — never kept as rows of their own. Why derived: an audit entered
 * late (an October audit stored after a November one) changes what "earlier" and "later" mean for the audits around
 * it; a table updated on each store would have to re-derive the organization's clause history at that moment anyway,
 * under concurrent writers, and could drift from the verdicts. Reading the verdicts in the order of the dates their
 * facts describe gives the one right answer whatever the order of entry, and the query is bounded to the
 * organizations and clauses that ever FAILed. What is stored is only what a person decided: the remedy orders.
 */
public final class ViolationService {
    private final AuditRepository store;
    private final RulesHolder rules;
    private final Visibility visibility;
    private final Clock clock;

    public ViolationService(AuditRepository store, RulesHolder rules, Visibility visibility, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.visibility = visibility;
        this.clock = clock;
    }

    /** Over the store, rules and visibility of the stored audits' queries, judged by today's date. */
    public static ViolationService over(HistoryQueries history) {
        return new ViolationService(history.store(), history.rules(), history.visibility(), Clock.systemDefaultZone());
    }

    /** Who sees which organization (the one check of the service layer). */
    Visibility visibility() { return visibility; }

    /** Today, by the service's clock: what "overdue" is judged by. */
    public LocalDate today() { return LocalDate.now(clock); }

    /**
     * What to list: one organization (key), one municipality (any spelling the catalog knows), one decree and clause,
     * one state; null: any.
     */
    public record Query(String organizationKey, String municipality, String decree, String clause, Violation.State state) {
        public static Query all() { return new Query(null, null, null, null, null); }

        public static Query organization(String key) { return new Query(key, null, null, null, null); }
    }

    /**
     * The violations {@code who} may see that match {@code q}: open ones first (overdue first among them, then by
     * the date found), then closed ones (latest closed first).
     */
    public List<Violation> find(Query q, Tokens.Principal who) {
        Set<String> municipalityKeys = q.municipality() == null ? null : OrganizationKey.municipalityKeys(q.municipality(), rules.catalog());
        ViolationRows.Filter f = new ViolationRows.Filter(q.organizationKey(), municipalityKeys, null, q.decree(), q.clause(), visibility.filter(who));
        List<Violation> out = new ArrayList<>();
        for (Violation v : derive(f, who)) {
            if (q.state() == null || q.state() == Violation.State.OPEN && v.open() || q.state() == Violation.State.CLOSED && !v.open()
                    || q.state() == Violation.State.OVERDUE && v.overdue()) out.add(v);
        }
        out.sort(ORDER);
        return out;
    }

    /** One organization's violations, in the order they were found (the timeline of its page). */
    public List<Violation> timeline(String organizationKey, Tokens.Principal who) {
        List<Violation> out = new ArrayList<>(derive(new ViolationRows.Filter(organizationKey, null, null, null, null, visibility.filter(who)), who));
        out.sort(Comparator.comparing(Violation::foundOn).thenComparing(Violation::document).thenComparing(Violation::clause));
        return out;
    }

    /** The open violation of one organization and clause now, if there is one ({@code who} must see the organization). */
    public Optional<Violation> open(String organizationKey, String decree, String clause, Tokens.Principal who) {
        return derive(new ViolationRows.Filter(organizationKey, null, null, decree, clause, visibility.filter(who)), who).stream().filter(Violation::open).findFirst();
    }

    /** How many overdue violations each organization {@code who} sees in {@code municipality} has (only those with any). */
    public Map<String, Integer> overdueByOrganization(String municipality, Tokens.Principal who) {
        Map<String, Integer> out = new TreeMap<>();
        for (Violation v : find(new Query(null, municipality, null, null, Violation.State.OVERDUE), who)) out.merge(v.organizationKey(), 1, Integer::sum);
        return out;
    }

    private static final Comparator<Violation> ORDER = Comparator.comparing((Violation v) -> v.open() ? 0 : 1)
            .thenComparing(v -> v.overdue() ? 0 : 1)
            .thenComparing(v -> v.open() ? v.foundOn() : LocalDate.MAX.minusDays(v.closedOn().toEpochDay()))
            .thenComparing(Violation::organizationName).thenComparing(Violation::document).thenComparing(Violation::clause);

    /** An episode being built from one clause's rows, in date order. */
    private static final class Episode {
        ViolationRows.VerdictRow found;
        ViolationRows.VerdictRow lastFailed;
        ViolationRows.VerdictRow latestRow;
        int failures;
        final Set<String> failedAudits = new LinkedHashSet<>();
        ViolationRows.VerdictRow closedBy;
        Violation.Closure closure;
    }

    private List<Violation> derive(ViolationRows.Filter f, Tokens.Principal who) {
        Catalog catalog = rules.catalog();
        Map<String, List<RemedyOrderRepository.Ordered>> orders = new HashMap<>();
        for (RemedyOrderRepository.Ordered o : store.remedyOrders().ordered(f.organizationKey(), f.municipalityKeys(), f.visible())) {
            orders.computeIfAbsent(o.organizationKey() + "\u0000" + o.decree() + "\u0000" + o.clause() + "\u0000" + o.decisionId(), k -> new ArrayList<>()).add(o);
        }
        List<Violation> out = new ArrayList<>();
        List<Episode> episodes = new ArrayList<>();
        String[] group = {null};
        Episode[] current = {null};
        store.violationRows().each(f, row -> {
            String g = row.organizationKey() + "\u0000" + row.decree() + "\u0000" + row.clause();
            if (!g.equals(group[0])) {
                group[0] = g;
                current[0] = null;
            }
            Episode e = current[0];
            if ("FAIL".equals(row.verdict())) {
                if (e == null) {
                    e = new Episode();
                    e.found = row;
                    current[0] = e;
                    episodes.add(e);
                }
                e.lastFailed = row;
                e.failures++;
                e.failedAudits.add(row.decisionId());
                e.latestRow = row;
                return;
            }
            if (e == null) return;
            Violation.Closure closure = closure(row, catalog);
            if (closure == null) return; // no evidence either way (another reason the clause did not apply)
            e.closedBy = row;
            e.closure = closure;
            current[0] = null;
        });
        LocalDate today = today();
        for (Episode e : episodes) {
            ViolationRows.VerdictRow r = e.found;
            List<Violation.Order> named = new ArrayList<>();
            for (String audit : e.failedAudits) {
                for (RemedyOrderRepository.Ordered o : orders.getOrDefault(r.organizationKey() + "\u0000" + r.decree() + "\u0000" + r.clause() + "\u0000" + audit,
                        List.of())) {
                    named.add(new Violation.Order(o.id(), o.number(), o.issuedOn(), o.dueOn()));
                }
            }
            named.sort(Comparator.comparing(Violation.Order::issuedOn).thenComparing(Violation.Order::id));
            LocalDate due = named.isEmpty() ? null : named.get(named.size() - 1).dueOn();
            boolean open = e.closedBy == null;
            ViolationRows.VerdictRow latest = e.latestRow;
            out.add(new Violation(r.organizationKey() + "|" + r.decree() + "|" + r.clause() + "|" + r.decisionId(), r.organizationKey(),
                    latest.organizationName(), latest.organizationKind(), latest.municipality(), latest.region(), r.decree(), r.clause(),
                    document(catalog, r.decree()), r.asOf(), r.decisionId(), e.lastFailed.asOf(), e.lastFailed.decisionId(), e.failures,
                    open ? null : e.closedBy.asOf(), open ? null : e.closedBy.decisionId(), e.closure, named, due,
                    open && due != null && today.isAfter(due)));
        }
        return out;
    }

    /** How {@code row} closes an open violation of its clause, or null when it neither closes nor confirms it. */
    private static Violation.Closure closure(ViolationRows.VerdictRow row, Catalog catalog) {
        return switch (row.verdict()) {
            case "PASS" -> Violation.Closure.FIXED;
            case "EXEMPT" -> Violation.Closure.EXEMPT;
            case "NOT_APPLICABLE", ViolationRows.DECREE_NOT_APPLICABLE -> repealed(row, catalog) ? Violation.Closure.REPEALED : null;
            default -> null;
        };
    }

    /**
     * Whether the clause (or its whole decree) had lost force on the day the audit judged it — the one kind of
     * NOT_APPLICABLE that closes a violation. Another reason (the organization is of a kind the clause does not
     * address, a decree for another place) says nothing about whether the violation was remedied.
     */
    static boolean repealed(ViolationRows.VerdictRow row, Catalog catalog) {
        Decree d = catalog.decree(row.decree()).orElse(null);
        if (d == null) return false;
        Clause c = d.clause(row.clause()).orElse(null);
        LocalDate day = c != null ? c.judgedOn(row.asOf(), row.periodTo()) : row.asOf();
        LocalDate decreeUntil = d.effective().inForceUntil();
        if (decreeUntil != null && day.isAfter(decreeUntil)) return true;
        return c != null && c.inForceUntil() != null && day.isAfter(c.inForceUntil());
    }

    static String document(Catalog catalog, String decreeId) {
        // as the act names a decree: kind, number and date, without the catalog's id
        return catalog.decree(decreeId).map(d -> (d.kind() == null || d.kind().isEmpty() ? "" : Fmt.capitalized(d.kind()) + " ") + "№ " + d.number()
                + " от " + Fmt.date(d.date())).orElse("Решение «" + decreeId + "»");
    }


}
