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
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
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
 */
public final class RollupBuilder {
    static final String INDICATOR_10 = "Показатель 10 мотивирующего мониторинга: доля общеобразовательных организаций, использующих "
            + "информационно-коммуникационную образовательную платформу (преамбула Постановления № 262 Администрации МР «Сергокалинский район»)";

    private RollupBuilder() { }

    /** The roll-up of the latest audits {@code latest} with their {@code counts} (also a monitoring round's answers). */
    public static Rollup build(String municipality, String region, LocalDate asOf, Collection<String> keys, RollupQueries.RollupCounts counts,
                        Iterator<StoredAudit> latest, Catalog catalog) {
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
                clauses.add(clause(c, found));
            }
            decrees.add(new Rollup.DecreeRollup(d.id(), Labels.document(d.kind(), d.number(), d.date(), d.id()), d.title(),
                    byStatus, clauses));
        }
        Rollup.PlatformShare platform = new Rollup.PlatformShare(INDICATOR_10, PlatformUse.DEFINITION, counts.general(), counts.using(),
                counts.notUsing(), counts.general() - counts.using() - counts.notUsing(), share(counts.using(), counts.general()));
        Iterable<Rollup.OrganizationLine> organizations = () -> new Iterator<>() {
            @Override public boolean hasNext() { return latest.hasNext(); }

            @Override public Rollup.OrganizationLine next() {
                StoredAudit a = latest.next();
                return new Rollup.OrganizationLine(a.organizationKey(), a.organizationName(), a.organizationKind(), a.decisionId(), a.asOf(),
                        a.status(), a.usesPlatform());
            }
        };
        return new Rollup(municipality, region, asOf, List.copyOf(keys), counts.organizations(), platform, decrees, organizations);
    }

    private static Rollup.ClauseRollup clause(Clause c, Map<String, Integer> found) {
        Map<String, Integer> byVerdict = new LinkedHashMap<>();
        Labels.VERDICTS.keySet().forEach(v -> byVerdict.put(v, found.getOrDefault(v, 0)));
        found.forEach(byVerdict::putIfAbsent);
        // an organization exempted from the clause (EXEMPT) is out of its share's denominator, as one it does not apply to
        int addressed = byVerdict.entrySet().stream().filter(e -> !e.getKey().equals("NOT_APPLICABLE") && !e.getKey().equals("INFO")
                        && !e.getKey().equals("EXEMPT"))
                .mapToInt(Map.Entry::getValue).sum();
        int pass = byVerdict.get("PASS");
        return new Rollup.ClauseRollup(c.id(), c.kind().name(), byVerdict, addressed, pass, share(pass, addressed));
    }

    /** part / whole rounded down to 4 decimals, so that anything short of all never reads as 1; null when whole is 0. */
    static Double share(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.FLOOR).doubleValue();
    }
}
