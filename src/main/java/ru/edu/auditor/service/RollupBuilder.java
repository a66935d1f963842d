package ru.edu.auditor.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.deadlines.DueDates;
import ru.edu.auditor.law.reference.ProductionCalendar;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.store.RollupQueries;
import ru.edu.auditor.store.StoredAudit;

/**
 * Counts a municipality's organizations by verdict, clause by clause, from each organization's latest stored
 * audit (the verdicts of its report as answered then, counted in the database). Decrees and clauses are those of the current catalog, less the decrees
 * that apply to none of the organizations; an organization whose report lacks a decree (rules of another
 * version) is not counted for it. For an organization a decree did not apply to, every one of its clauses
 * counts as NOT_APPLICABLE.
 * <p>Judged honestly at the roll-up's date: a PENDING clause whose deadline (the catalog's, moved off a day off as
 * the decree reads it, {@link DueDates}) has passed by that date says nothing of the date — the audit saw the duty
 * not yet due, nobody has looked since. It is counted apart ({@link Rollup#DUE_SINCE_AUDIT}, «срок истёк после
 * проверки — нужна новая проверка»), and a decree or organization «pending» because of it too. A PENDING without a
 * deadline in the catalog (a rule's own window: the current week, next month's report) stays as its audit judged it.
 */
public final class RollupBuilder {
    static final String INDICATOR_10 = "Показатель 10 мотивирующего мониторинга: доля общеобразовательных организаций, использующих "
            + "информационно-коммуникационную образовательную платформу (преамбула Постановления № 262 Администрации МР «Сергокалинский район»)";

    private RollupBuilder() { }

    /** The clauses («decree|clause») whose deadline in the catalog has passed by {@code asOf} (the deadline day itself is in time). */
    static Set<String> dueBy(LocalDate asOf, Catalog catalog, ProductionCalendar calendar) {
        Set<String> due = new TreeSet<>();
        for (Decree d : catalog.decrees()) {
            DueDates dates = new DueDates(d.id(), d.deadlineOnDayOff(), d.deadlineOnDayOffBasis(), calendar);
            for (Clause c : d.clauses()) {
                if (c.deadline() != null && asOf.isAfter(dates.due(c.deadline()).effective())) due.add(d.id() + "|" + c.id());
            }
        }
        return due;
    }

    /**
     * The roll-up of a monitoring round's latest answers (their {@code counts} and audits), judged at the round's period
     * end {@code asOf}: the answers describe that period, so no deadline has passed since them.
     */
    public static Rollup ofAnswers(String municipality, String region, LocalDate asOf, Collection<String> keys, RollupQueries.RollupCounts counts,
                                   List<StoredAudit> answers, Catalog catalog) {
        return build(municipality, region, asOf, keys, counts, answers.stream().map(a -> new RollupQueries.LatestAudit(a, false)).iterator(), catalog,
                Set.of());
    }

    static Rollup build(String municipality, String region, LocalDate asOf, Collection<String> keys, RollupQueries.RollupCounts counts,
                        Iterator<RollupQueries.LatestAudit> latest, Catalog catalog, Set<String> due) {
        List<Rollup.DecreeRollup> decrees = new ArrayList<>();
        for (Decree d : catalog.decrees()) {
            Map<String, Integer> byStatus = counts.decreeStatuses().getOrDefault(d.id(), Map.of());
            if (byStatus.keySet().stream().allMatch("not-applicable"::equals)) continue;
            int notApplicable = byStatus.getOrDefault("not-applicable", 0);
            Map<String, Map<String, Integer>> byClause = counts.clauseVerdicts().getOrDefault(d.id(), Map.of());
            List<Rollup.ClauseRollup> clauses = new ArrayList<>();
            for (Clause c : d.clauses()) {
                // a decree that did not apply to an organization counts each of its clauses as NOT_APPLICABLE there
                Map<String, Integer> found = new HashMap<>(byClause.getOrDefault(c.id(), Map.of()));
                if (notApplicable > 0) found.merge("NOT_APPLICABLE", notApplicable, Integer::sum);
                Integer pending = found.get("PENDING");
                if (pending != null && due.contains(d.id() + "|" + c.id())) {
                    found.remove("PENDING");
                    found.put(Rollup.DUE_SINCE_AUDIT, pending);
                }
                clauses.add(clause(c, found));
            }
            decrees.add(new Rollup.DecreeRollup(d.id(), Labels.document(d.kind(), d.number(), d.date()), d.title(),
                    byStatus, clauses));
        }
        // the share among the general-education organizations whose use is known; none known is «нет сведений» (null)
        Rollup.PlatformShare platform = new Rollup.PlatformShare(INDICATOR_10, PlatformUse.DEFINITION, counts.general(), counts.using(),
                counts.notUsing(), counts.general() - counts.using() - counts.notUsing(),
                counts.using() + counts.notUsing() == 0 ? null : share(counts.using(), counts.general()));
        Iterable<Rollup.OrganizationLine> organizations = () -> new Iterator<>() {
            @Override public boolean hasNext() { return latest.hasNext(); }

            @Override public Rollup.OrganizationLine next() {
                RollupQueries.LatestAudit l = latest.next();
                StoredAudit a = l.audit();
                return new Rollup.OrganizationLine(a.organizationKey(), a.organizationName(), a.organizationKind(), a.decisionId(), a.asOf(),
                        l.dueSinceAudit() ? Rollup.DUE_SINCE_AUDIT_STATUS : a.status(), a.usesPlatform(), a.status());
            }
        };
        return new Rollup(municipality, region, asOf, List.copyOf(keys), counts.organizations(), platform, decrees, organizations);
    }

    private static Rollup.ClauseRollup clause(Clause c, Map<String, Integer> found) {
        Map<String, Integer> byVerdict = new LinkedHashMap<>();
        Labels.ROLLUP_COLUMNS.keySet().forEach(v -> byVerdict.put(v, found.getOrDefault(v, 0)));
        found.forEach(byVerdict::putIfAbsent);
        // an organization exempted from the clause (EXEMPT) is out of its share's denominator, as one it does not apply to
        int addressed = byVerdict.entrySet().stream().filter(e -> !e.getKey().equals("NOT_APPLICABLE") && !e.getKey().equals("INFO")
                        && !e.getKey().equals("EXEMPT"))
                .mapToInt(Map.Entry::getValue).sum();
        int pass = byVerdict.get("PASS");
        // nothing known of a clause (every addressed organization without data or with a rules error) is «нет сведений», not 0 %
        int known = addressed - byVerdict.get("NO_DATA") - byVerdict.get("ERROR");
        return new Rollup.ClauseRollup(c.id(), c.kind().name(), c.deadline(), byVerdict, addressed, known, pass,
                known == 0 ? null : share(pass, addressed));
    }

    /** part / whole rounded down to 4 decimals, so that anything short of all never reads as 1; null when whole is 0. */
    static Double share(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.FLOOR).doubleValue();
    }
}
