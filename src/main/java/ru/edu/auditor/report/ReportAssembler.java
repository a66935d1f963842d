package ru.edu.auditor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.ClauseKind;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.ruleapi.Finding;
import ru.edu.auditor.law.deadlines.DueDates;
import ru.edu.auditor.law.reference.ProductionCalendar;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.engine.GuardedSession;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.facts.Organization;

/**
 * Shapes the rules' findings into a report: every decree of the catalog with its applicability, and for
 * each applicable decree every printed clause exactly once. Deadlines are applied here, from the catalog:
 * a FAIL on a clause whose deadline has not passed is PENDING (the deadline day itself still counts as in time).
 */
public final class ReportAssembler {
    private ReportAssembler() { }

    public static AuditReport assemble(String decisionId, RuleSet rules, Organization org, LocalDate asOf,
                                       List<Finding> findings, List<String> ruleErrors) {
        return assemble(decisionId, rules, org, asOf, null, findings, ruleErrors);
    }

    /**
     * {@code periodEnd}: the last day of the period the facts report (null: none) — a clause that judges the period
     * is judged by the law of that day (wording, parameters, repeal, entry into force), not of the audit date.
     */
    public static AuditReport assemble(String decisionId, RuleSet rules, Organization org, LocalDate asOf, LocalDate periodEnd,
                                       List<Finding> findings, List<String> ruleErrors) {
        return assemble(decisionId, rules, org, asOf, periodEnd, findings, ruleErrors, List.of());
    }

    /**
     * As above, with the rules that failed while the session ran ({@link GuardedSession}): every clause such a rule
     * speaks for is ERROR with the failure's reason, whatever else was found for it.
     */
    public static AuditReport assemble(String decisionId, RuleSet rules, Organization org, LocalDate asOf, LocalDate periodEnd,
                                       List<Finding> findings, List<String> ruleErrors, List<GuardedSession.RuleFailure> failures) {
        Map<String, List<Finding>> byClause = findings.stream()
                .collect(Collectors.groupingBy(f -> f.decree() + "|" + f.clause(), LinkedHashMap::new, Collectors.toList()));
        List<String> errors = new ArrayList<>(ruleErrors);
        failures.stream().map(GuardedSession.RuleFailure::reason).distinct().forEach(errors::add);
        List<DecreeReport> decrees = new ArrayList<>();
        Map<Verdict, Integer> overall = new EnumMap<>(Verdict.class);
        for (Decree d : rules.catalog().decrees()) {
            Applicability.Decision decision = Applicability.decide(d, org, asOf, periodEnd);
            if (!decision.applicable()) {
                decrees.add(new DecreeReport(d.id(), d.kind(), d.number(), d.date(), d.issuer(), d.title(), false,
                        decision.reason(), ReportStatus.NOT_APPLICABLE, null, null));
                continue;
            }
            List<ClauseResult> clauses = new ArrayList<>();
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            for (Clause c : d.clauses()) {
                ClauseResult r = judge(d, c, org, asOf, c.judgedOn(asOf, periodEnd), byClause.getOrDefault(d.id() + "|" + c.id(), List.of()), errors, rules.calendar(), failures);
                clauses.add(r);
                counts.merge(r.status(), 1, Integer::sum);
                overall.merge(r.status(), 1, Integer::sum);
            }
            decrees.add(new DecreeReport(d.id(), d.kind(), d.number(), d.date(), d.issuer(), d.title(), true,
                    decision.reason(), status(counts), names(counts), clauses));
        }
        return new AuditReport(decisionId, rules.version(), Instant.now(), asOf, org, OrganizationKey.of(org),
                errors.isEmpty() ? status(overall) : ReportStatus.ERROR, names(overall), decrees, errors, null);
    }

    /** {@code day}: the day whose law judges the clause ({@link Clause#judgedOn}): the audit date, or the reported period's last day. */
    private static ClauseResult judge(Decree d, Clause c, Organization org, LocalDate asOf, LocalDate day, List<Finding> found, List<String> errors,
                                      ProductionCalendar calendar, List<GuardedSession.RuleFailure> failures) {
        String cite = d.cite(c.id());
        String onDay = day.equals(asOf) ? "проверка — на " + Fmt.date(asOf) : "пункт судит проверяемый период, окончившийся " + Fmt.date(day);
        if (day.isBefore(d.effective().inForceFrom())) {
            return result(d, c, asOf, day, Verdict.NOT_APPLICABLE, "Решение ещё не действовало: действует с "
                    + Fmt.date(d.effective().inForceFrom()) + "; " + onDay + ".", null, null);
        }
        if (!d.inForceOn(day)) {
            return result(d, c, asOf, day, Verdict.NOT_APPLICABLE, "Решение утратило силу: действовало по " + Fmt.date(d.effective().inForceUntil())
                    + " включительно" + (d.effective().repealedBy() != null ? " (" + d.effective().repealedBy() + ")" : "") + "; " + onDay + ".", null, null);
        }
        if (!c.inForceOn(day)) {
            return result(d, c, asOf, day, Verdict.NOT_APPLICABLE, "Пункт утратил силу: действовал по " + Fmt.date(c.inForceUntil()) + " включительно"
                    + (c.repealedBy() != null ? " (" + c.repealedBy() + ")" : "") + "; " + onDay + ".", null, null);
        }
        if (c.kind() == ClauseKind.info) {
            return result(d, c, asOf, day, Verdict.INFO, "Пункт никого не обязывает (цель, закрепление контроля или ответственности): проверке не подлежит.", null, null);
        }
        if (!c.addresses(org.getKind())) {
            return result(d, c, asOf, day, Verdict.NOT_APPLICABLE, "Пункт адресован: " + c.addressee() + "; проверяемая организация — "
                    + OrgKinds.label(org.getKind()) + ".", null, null);
        }
        if (c.kind() == ClauseKind.heading) {
            return result(d, c, asOf, day, Verdict.INFO, "Вводный пункт: объединяет подпункты" + (c.deadline() != null
                    ? " и устанавливает их общий срок — до " + Fmt.date(c.deadline()) : "") + "; вердикты даны по подпунктам.", null, null);
        }
        String failed = failures.stream().filter(f -> speaksFor(f, d, c)).map(GuardedSession.RuleFailure::reason).distinct()
                .collect(Collectors.joining(" "));
        if (!failed.isEmpty()) return result(d, c, asOf, day, Verdict.ERROR, failed, null, null); // already among the report's errors
        if (found.isEmpty()) {
            String e = "Внутренняя ошибка правил: обязанность п. " + c.id() + " решения " + d.id() + " осталась без вердикта.";
            errors.add(e);
            return result(d, c, asOf, day, Verdict.ERROR, e, null, null);
        }
        Set<Verdict> verdicts = found.stream().map(Finding::verdict).collect(Collectors.toCollection(TreeSet::new));
        if (verdicts.size() > 1) {
            String e = "Внутренняя ошибка правил: п. " + c.id() + " решения " + d.id() + " получил разные вердикты: "
                    + found.stream().map(f -> f.verdict() + " (правило «" + f.rule() + "»)").collect(Collectors.joining(", ")) + ".";
            errors.add(e);
            return result(d, c, asOf, day, Verdict.ERROR, e, null, null);
        }
        Verdict v = verdicts.iterator().next();
        String explanation = found.stream().map(Finding::explanation).distinct().collect(Collectors.joining(" "));
        Map<String, Object> evidence = new LinkedHashMap<>();
        found.forEach(f -> evidence.putAll(f.evidence()));
        String rule = found.stream().map(Finding::rule).distinct().collect(Collectors.joining("; "));
        if (c.deadline() != null && (v == Verdict.FAIL || v == Verdict.PENDING)) {
            // a deadline on a non-working day is read as the decree's catalog says (law.deadlines.DueDates)
            DueDates.Due dueDate = new DueDates(d.id(), d.deadlineOnDayOff(), d.deadlineOnDayOffBasis(), calendar).due(c.deadline());
            boolean due = asOf.isAfter(dueDate.effective());
            v = due ? Verdict.FAIL : Verdict.PENDING;
            explanation = explanation + (due
                    ? " Срок — до " + Fmt.date(c.deadline()) + " включительно — истёк."
                    : " Срок — до " + Fmt.date(c.deadline()) + " включительно — на " + Fmt.date(asOf) + " не истёк.")
                    + (dueDate.note() == null ? "" : " " + dueDate.note()
                    + (dueDate.moved() ? (due ? " Истёк и перенесённый срок." : " С учётом переноса срок на " + Fmt.date(asOf) + " не истёк.") : ""));
            if (dueDate.note() != null) evidence.put("deadlineEffective", dueDate.effective());
        }
        return result(d, c, asOf, day, v, explanation, evidence, rule);
    }

    /** The result, with the wording applied on {@code day} named (for an amended clause) and its text. */
    private static ClauseResult result(Decree d, Clause c, LocalDate asOf, LocalDate day, Verdict v, String explanation,
                                       Map<String, Object> evidence, String rule) {
        String cite = d.cite(c.id());
        Clause.Version version = c.versionOn(day);
        // a clause judging monthly reports names each month's wording in its rule's explanation
        String wording = v == Verdict.NOT_APPLICABLE || v == Verdict.INFO || c.judgesMonths() ? null
                : c.wordingApplied(day, day.equals(asOf) ? null : "на " + Fmt.date(day) + ", последний день проверяемого периода");
        return new ClauseResult(d.id(), c.id(), c.kind().name(), v, explanation + (wording == null ? "" : " " + wording) + " (" + cite + ")",
                cite, c.deadline(), c.deadlineNote(), evidence, c.addressee(), c.textOn(day), rule,
                version == null ? null : version.from(), version == null ? null : version.amendedBy().toString(),
                day.equals(asOf) ? null : day);
    }

    /** Whether a failed rule judged this clause: its own clause, a clause naming its reading, or (a helper rule) its decree or every decree. */
    private static boolean speaksFor(GuardedSession.RuleFailure f, Decree d, Clause c) {
        if (f.reading() != null) return f.reading().equals(c.reading());
        if (f.decree() == null) return true;
        if (!f.decree().equals(d.id())) return false;
        return f.clause() == null || f.clause().equals(c.id());
    }

    /** The status lattice lives in {@link ReportStatus}; decree and report status both come from it. */
    static String status(Map<Verdict, Integer> counts) { return ReportStatus.of(counts); }

    private static Map<String, Integer> names(Map<Verdict, Integer> counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k.name(), v));
        return m;
    }
}
