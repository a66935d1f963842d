package ru.edu.auditor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.report.ReportVerdicts;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.store.StoreException;
import ru.edu.auditor.store.StoredAudit;

/**
 * Counts a municipality's organizations by verdict, clause by clause, from each organization's latest stored
 * audit (its report as answered then). Decrees and clauses are those of the current catalog, less the decrees
 * that apply to none of the organizations; an organization whose report lacks a decree (rules of another
 * version) is not counted for it. For an organization a decree did not apply to, every one of its clauses
 * counts as NOT_APPLICABLE.
 */
final class RollupBuilder {
    static final String INDICATOR_10 = "Показатель 10 мотивирующего мониторинга: доля общеобразовательных организаций, использующих "
            + "информационно-коммуникационную образовательную платформу (преамбула Постановления № 262 Администрации МР «Сергокалинский район»)";

    private RollupBuilder() { }

    static Rollup build(String municipality, String region, LocalDate asOf, Collection<String> keys, List<StoredAudit> latest, Catalog catalog) {
        Map<String, Map<String, Integer>> statuses = new HashMap<>();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        List<Rollup.OrganizationLine> orgs = new ArrayList<>();
        int general = 0, using = 0, notUsing = 0;
        for (StoredAudit a : latest) {
            orgs.add(new Rollup.OrganizationLine(a.organizationKey(), a.organizationName(), a.organizationKind(), a.decisionId(), a.asOf(),
                    a.status(), a.usesPlatform()));
            if ("general".equals(a.organizationKind())) {
                general++;
                if (Boolean.TRUE.equals(a.usesPlatform())) using++;
                else if (Boolean.FALSE.equals(a.usesPlatform())) notUsing++;
            }
            Map<String, ReportVerdicts.DecreeVerdicts> verdicts = ReportVerdicts.of(read(a));
            for (Decree d : catalog.decrees()) {
                ReportVerdicts.DecreeVerdicts dv = verdicts.get(d.id());
                if (dv == null) continue;
                statuses.computeIfAbsent(d.id(), k -> new LinkedHashMap<>()).merge(dv.status(), 1, Integer::sum);
                for (Clause c : d.clauses()) {
                    String v = "not-applicable".equals(dv.status()) ? "NOT_APPLICABLE" : dv.clauses().get(c.id());
                    if (v != null) counts.computeIfAbsent(d.id() + "|" + c.id(), k -> new HashMap<>()).merge(v, 1, Integer::sum);
                }
            }
        }
        List<Rollup.DecreeRollup> decrees = new ArrayList<>();
        for (Decree d : catalog.decrees()) {
            Map<String, Integer> byStatus = statuses.getOrDefault(d.id(), Map.of());
            if (byStatus.keySet().stream().allMatch("not-applicable"::equals)) continue;
            List<Rollup.ClauseRollup> clauses = new ArrayList<>();
            for (Clause c : d.clauses()) clauses.add(clause(c, counts.getOrDefault(d.id() + "|" + c.id(), Map.of())));
            decrees.add(new Rollup.DecreeRollup(d.id(), Labels.document(d.kind(), d.number(), d.date(), d.id()), d.title(),
                    byStatus, clauses));
        }
        Rollup.PlatformShare platform = new Rollup.PlatformShare(INDICATOR_10, PlatformUse.DEFINITION, general, using, notUsing,
                general - using - notUsing, share(using, general));
        return new Rollup(municipality, region, asOf, List.copyOf(keys), latest.size(), platform, decrees, orgs);
    }

    private static Rollup.ClauseRollup clause(Clause c, Map<String, Integer> found) {
        Map<String, Integer> byVerdict = new LinkedHashMap<>();
        Labels.VERDICTS.keySet().forEach(v -> byVerdict.put(v, found.getOrDefault(v, 0)));
        found.forEach(byVerdict::putIfAbsent);
        int addressed = byVerdict.entrySet().stream().filter(e -> !e.getKey().equals("NOT_APPLICABLE") && !e.getKey().equals("INFO"))
                .mapToInt(Map.Entry::getValue).sum();
        int pass = byVerdict.get("PASS");
        return new Rollup.ClauseRollup(c.id(), c.kind().name(), byVerdict, addressed, pass, share(pass, addressed));
    }

    /** part / whole rounded down to 4 decimals, so that anything short of all never reads as 1; null when whole is 0. */
    static Double share(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.FLOOR).doubleValue();
    }

    private static JsonNode read(StoredAudit a) {
        try {
            return Json.mapper().readTree(a.report());
        } catch (JsonProcessingException e) {
            throw new StoreException("stored report of audit " + a.decisionId() + " is unreadable", e);
        }
    }
}
