package ru.edu.auditor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.engine.FactGatherer;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.IndicatorSet;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.facts.ReportingPeriod;
import ru.edu.auditor.facts.WeeklyIndicators;
import ru.edu.auditor.report.HistoryUsed;
import ru.edu.auditor.store.HistorySnapshot;
import ru.edu.auditor.store.RecordedHistory;
import ru.edu.auditor.store.StoreException;
import ru.edu.auditor.store.StoredIndicators;

/**
 * Completes an audit's facts from the organization's stored audits, before the engine runs (the rules never
 * read the store). Each part is one bounded query — its cost does not grow with the organization's history:
 * <ul>
 * <li>no {@code indicators.previous} submitted, but indicators for the audited period known: the previous
 *     period's indicators are those the organization's latest earlier audit judged as its current ones, dated by
 *     their own period or else by that audit's period, and marked with that audit's decision id. "Earlier": when
 *     both indicator sets state their periods, the stored one ends before the submitted one starts; otherwise
 *     the stored audit's {@code asOf} is before this one's.</li>
 * <li>{@code weeklyAnalyses} submitted (an empty list too) and the audited period known: the analysis dates
 *     inside the audited period (up to {@code asOf}) recorded by the organization's audits on or before this
 *     {@code asOf} are added, each once. Only those: the rules judge the whole weeks of the audited period, so a
 *     date outside it changes no verdict — and taking every date ever recorded would make each audit cost more
 *     than the last.</li>
 * <li>{@code monthlyReports} submitted (an empty list too): the reports sent on or before {@code asOf} recorded
 *     by the organization's audits on or before this {@code asOf} are added, each once — with an audited period,
 *     only reports for months from two months before its start (the earliest month whose due date can fall
 *     in it, or the latest overdue one), since the rules judge only those months then.</li>
 * </ul>
 * A part not submitted stays absent: what was recorded before says nothing about the weeks since.
 */
public final class HistoryFacts {
    private static final ObjectReader INDICATORS = Json.mapper().readerFor(WeeklyIndicators.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HistoryFacts() { }

    /**
     * What an audit took from history: the ids for the report ({@code used}) and the values added to the
     * facts as JSON ({@code added}; null when nothing), kept with the audit.
     */
    public record Applied(HistoryUsed used, String added) { }

    /** Completes {@code facts} from the stored audits of the organization {@code organizationKey}, read in one snapshot; says what was used. */
    public static Applied apply(AuditFacts facts, HistorySnapshot store, String organizationKey) {
        Map<String, Object> added = new LinkedHashMap<>();
        String previousFrom = null;
        LocalDate previousAsOf = null;
        IndicatorSet submitted = facts.getIndicators();
        WeeklyIndicators current = FactGatherer.currentIndicators(facts);
        if (current != null && (submitted == null || submitted.getPrevious() == null)) {
            StoredIndicators source = store.previousIndicators(organizationKey, facts.getAsOf(), current.getPeriodFrom()).orElse(null);
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
                added.put("previousIndicators", previous);
            }
        }
        List<String> analysesFrom = mergeAnalyses(facts, store, organizationKey, added);
        List<String> reportsFrom = mergeReports(facts, store, organizationKey, added);
        return new Applied(new HistoryUsed(previousFrom, previousAsOf, analysesFrom, reportsFrom), added.isEmpty() ? null : json(added));
    }

    /**
     * Completes {@code facts} with exactly what a stored audit took from history ({@code added}, as kept with it,
     * may be null) — for a replay, which must see the history as of the original audit, not as the store holds it
     * now. {@code used}: the history the original report names (the previous indicators' source audit).
     */
    public static void replay(AuditFacts facts, String added, HistoryUsed used) {
        if (facts.getWeeklyAnalyses() != null) facts.setWeeklyAnalyses(new ArrayList<>(new TreeSet<>(facts.getWeeklyAnalyses())));
        if (facts.getMonthlyReports() != null) {
            Map<String, MonthlyReport> reports = new LinkedHashMap<>();
            facts.getMonthlyReports().forEach(r -> reports.putIfAbsent(r.key(), r));
            facts.setMonthlyReports(new ArrayList<>(reports.values()));
        }
        if (added == null) return;
        Added a;
        try {
            a = Json.mapper().readerFor(Added.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(added);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored history of an audit is unreadable", e);
        }
        if (a.previousIndicators() != null) {
            WeeklyIndicators previous = a.previousIndicators();
            if (used != null && used.previousIndicatorsFrom() != null) {
                previous = previous.fromStoredAudit(used.previousIndicatorsFrom(), used.previousIndicatorsAsOf());
            }
            IndicatorSet submitted = facts.getIndicators();
            WeeklyIndicators submittedCurrent = submitted == null ? null : submitted.getCurrent();
            if (submittedCurrent != null && facts.getPeriod() != null) {
                submittedCurrent = submittedCurrent.withPeriodIfMissing(facts.getPeriod().getFrom(), facts.getPeriod().getTo());
            }
            facts.setIndicators(new IndicatorSet(submittedCurrent, previous));
        }
        if (a.weeklyAnalyses() != null && facts.getWeeklyAnalyses() != null) {
            TreeSet<LocalDate> dates = new TreeSet<>(facts.getWeeklyAnalyses());
            dates.addAll(a.weeklyAnalyses());
            facts.setWeeklyAnalyses(new ArrayList<>(dates));
        }
        if (a.monthlyReports() != null && facts.getMonthlyReports() != null) {
            Map<String, MonthlyReport> reports = new LinkedHashMap<>();
            facts.getMonthlyReports().forEach(r -> reports.putIfAbsent(r.key(), r));
            a.monthlyReports().forEach(r -> reports.putIfAbsent(r.key(), r));
            facts.setMonthlyReports(new ArrayList<>(reports.values()));
        }
    }

    /** The form of what an audit took from history, as {@link #apply} keeps it. */
    private record Added(WeeklyIndicators previousIndicators, List<LocalDate> weeklyAnalyses, List<MonthlyReport> monthlyReports) { }

    private static List<String> mergeAnalyses(AuditFacts facts, HistorySnapshot store, String key, Map<String, Object> added) {
        if (facts.getWeeklyAnalyses() == null) return List.of();
        TreeSet<LocalDate> dates = new TreeSet<>(facts.getWeeklyAnalyses());
        facts.setWeeklyAnalyses(new ArrayList<>(dates));
        ReportingPeriod period = facts.getPeriod();
        if (period == null || period.getFrom() == null || period.getTo() == null) return List.of();
        LocalDate to = period.getTo().isBefore(facts.getAsOf()) ? period.getTo() : facts.getAsOf();
        if (period.getFrom().isAfter(to)) return List.of();
        LinkedHashSet<String> from = new LinkedHashSet<>();
        List<LocalDate> newDates = new ArrayList<>();
        for (RecordedHistory.Analysis a : store.weeklyAnalyses(key, facts.getAsOf(), period.getFrom(), to)) {
            if (dates.add(a.date())) {
                from.add(a.decisionId());
                newDates.add(a.date());
            }
        }
        if (newDates.isEmpty()) return List.of();
        facts.setWeeklyAnalyses(new ArrayList<>(dates));
        added.put("weeklyAnalyses", newDates);
        return List.copyOf(from);
    }

    private static List<String> mergeReports(AuditFacts facts, HistorySnapshot store, String key, Map<String, Object> added) {
        if (facts.getMonthlyReports() == null) return List.of();
        ReportingPeriod period = facts.getPeriod();
        YearMonth fromMonth = null;
        if (period != null && period.getFrom() != null) {
            LocalDate start = period.getFrom().isBefore(facts.getAsOf()) ? period.getFrom() : facts.getAsOf();
            fromMonth = YearMonth.from(start).minusMonths(2);
        }
        Map<String, MonthlyReport> reports = new LinkedHashMap<>();
        facts.getMonthlyReports().forEach(r -> reports.putIfAbsent(r.key(), r));
        facts.setMonthlyReports(new ArrayList<>(reports.values()));
        LinkedHashSet<String> from = new LinkedHashSet<>();
        List<MonthlyReport> newReports = new ArrayList<>();
        for (RecordedHistory.Report r : store.monthlyReports(key, facts.getAsOf(), fromMonth)) {
            if (reports.putIfAbsent(r.report().key(), r.report()) == null) {
                from.add(r.decisionId());
                newReports.add(r.report());
            }
        }
        if (newReports.isEmpty()) return List.of();
        facts.setMonthlyReports(new ArrayList<>(reports.values()));
        added.put("monthlyReports", newReports);
        return List.copyOf(from);
    }

    private static WeeklyIndicators indicators(StoredIndicators a) {
        try {
            return INDICATORS.readValue(a.currentIndicators());
        } catch (JsonProcessingException e) {
            throw new StoreException("stored indicators of audit " + a.decisionId() + " are unreadable", e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise what history added", e);
        }
    }
}
