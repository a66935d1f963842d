package ru.edu.auditor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.engine.FactGatherer;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.IndicatorSet;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.facts.WeeklyIndicators;
import ru.edu.auditor.report.HistoryUsed;
import ru.edu.auditor.store.StoreException;
import ru.edu.auditor.store.StoredAudit;

/**
 * Completes an audit's facts from the organization's stored audits, before the engine runs (the rules never
 * read the store):
 * <ul>
 * <li>no {@code indicators.previous} submitted, but indicators for the audited period known: the previous
 *     period's indicators are those the organization's latest earlier audit judged as its current ones, dated by
 *     their own period or else by that audit's period, and marked with that audit's decision id. "Earlier": when
 *     both indicator sets state their periods, the stored one ends before the submitted one starts; otherwise
 *     the stored audit's {@code asOf} is before this one's.</li>
 * <li>{@code weeklyAnalyses} / {@code monthlyReports} submitted (an empty list too): the dates and reports
 *     recorded by the organization's audits on or before this {@code asOf} are added, each once. A part not
 *     submitted stays absent: what was recorded before says nothing about the weeks since.</li>
 * </ul>
 */
public final class HistoryFacts {
    private static final ObjectReader INDICATORS = Json.mapper().readerFor(WeeklyIndicators.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HistoryFacts() { }

    /** Completes {@code facts} from {@code stored} (the organization's audits on or before its asOf); says what was used. */
    public static HistoryUsed apply(AuditFacts facts, List<StoredAudit> stored) {
        String previousFrom = null;
        LocalDate previousAsOf = null;
        IndicatorSet submitted = facts.getIndicators();
        WeeklyIndicators current = FactGatherer.currentIndicators(facts);
        if (current != null && (submitted == null || submitted.getPrevious() == null)) {
            StoredAudit source = previousPeriod(current, facts.getAsOf(), stored);
            if (source != null) {
                WeeklyIndicators previous = indicators(source).withPeriodIfMissing(source.periodFrom(), source.periodTo())
                        .fromStoredAudit(source.decisionId(), source.asOf());
                WeeklyIndicators submittedCurrent = submitted == null ? null : submitted.getCurrent();
                if (submittedCurrent != null && facts.getPeriod() != null) {
                    submittedCurrent = submittedCurrent.withPeriodIfMissing(facts.getPeriod().getFrom(), facts.getPeriod().getTo());
                }
                facts.setIndicators(new IndicatorSet(submittedCurrent, previous));
                previousFrom = source.decisionId();
                previousAsOf = source.asOf();
            }
        }
        return new HistoryUsed(previousFrom, previousAsOf, mergeAnalyses(facts, stored), mergeReports(facts, stored));
    }

    /** The stored audit whose current indicators are this audit's previous ones, or null. */
    static StoredAudit previousPeriod(WeeklyIndicators current, LocalDate asOf, List<StoredAudit> stored) {
        StoredAudit best = null;
        LocalDate bestEnd = null;
        for (StoredAudit a : stored) {
            if (a.currentIndicators() == null) continue;
            WeeklyIndicators w = indicators(a);
            boolean earlier = current.getPeriodFrom() != null && w.getPeriodTo() != null
                    ? w.getPeriodTo().isBefore(current.getPeriodFrom()) && !a.asOf().isAfter(asOf)
                    : a.asOf().isBefore(asOf);
            if (!earlier) continue;
            LocalDate end = w.getPeriodTo() != null ? w.getPeriodTo() : a.periodTo() != null ? a.periodTo() : a.asOf();
            if (best == null || end.isAfter(bestEnd) || end.equals(bestEnd) && newer(a, best)) {
                best = a;
                bestEnd = end;
            }
        }
        return best;
    }

    private static boolean newer(StoredAudit a, StoredAudit b) {
        return Comparator.comparing(StoredAudit::asOf).thenComparing(StoredAudit::submittedAt).compare(a, b) > 0;
    }

    private static List<String> mergeAnalyses(AuditFacts facts, List<StoredAudit> stored) {
        if (facts.getWeeklyAnalyses() == null) return List.of();
        TreeSet<LocalDate> dates = new TreeSet<>(facts.getWeeklyAnalyses());
        List<String> from = new ArrayList<>();
        for (StoredAudit a : oldestFirst(stored)) {
            if (a.weeklyAnalyses() == null) continue;
            boolean added = false;
            for (LocalDate d : read(a.weeklyAnalyses(), new TypeReference<List<LocalDate>>() { })) {
                if (!d.isAfter(facts.getAsOf())) added |= dates.add(d);
            }
            if (added) from.add(a.decisionId());
        }
        facts.setWeeklyAnalyses(new ArrayList<>(dates));
        return from;
    }

    private static List<String> mergeReports(AuditFacts facts, List<StoredAudit> stored) {
        if (facts.getMonthlyReports() == null) return List.of();
        Map<String, MonthlyReport> reports = new LinkedHashMap<>();
        facts.getMonthlyReports().forEach(r -> reports.putIfAbsent(r.key(), r));
        List<String> from = new ArrayList<>();
        for (StoredAudit a : oldestFirst(stored)) {
            if (a.monthlyReports() == null) continue;
            boolean added = false;
            for (MonthlyReport r : read(a.monthlyReports(), new TypeReference<List<MonthlyReport>>() { })) {
                if (!r.getSentOn().isAfter(facts.getAsOf()) && !reports.containsKey(r.key())) {
                    reports.put(r.key(), r);
                    added = true;
                }
            }
            if (added) from.add(a.decisionId());
        }
        facts.setMonthlyReports(new ArrayList<>(reports.values()));
        return from;
    }

    private static List<StoredAudit> oldestFirst(List<StoredAudit> stored) {
        return stored.stream().sorted(Comparator.comparing(StoredAudit::asOf).thenComparing(StoredAudit::submittedAt)).toList();
    }

    private static WeeklyIndicators indicators(StoredAudit a) {
        try {
            return INDICATORS.readValue(a.currentIndicators());
        } catch (JsonProcessingException e) {
            throw new StoreException("stored indicators of audit " + a.decisionId() + " are unreadable", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored history is unreadable", e);
        }
    }
}
