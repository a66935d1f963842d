package ru.edu.auditor.ruleapi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import ru.edu.auditor.facts.Audit;
import ru.edu.auditor.facts.ChatPlatform;
import ru.edu.auditor.facts.Headcount;
import ru.edu.auditor.facts.MessengerUse;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.facts.ResponsiblePerson;
import ru.edu.auditor.facts.WeeklyIndicators;

/**
 * The shared computations a rule may call (rule-author interface). Every method keeps its signature across releases;
 * a reading that changes meaning gets a new name, and the old one stays, marked deprecated, answering as it did.
 * The computations themselves are {@code law.checks}: this class only hands them over in the interface's types.
 */
public final class Checks {
    /** The eight indicators of п. 8 Приказа № 8 / п. 1.9 Постановления № 262 (kept for old rule files). */
    @Deprecated
    public static final List<String> SFERUM_INDICATORS = List.of("studentsInSferum", "teachersInSferum", "teachersCreatedGroupChats",
            "teachersWith3Messages", "teachersWith10Messages", "teachersWith1Call", "teachersLinkedEjournal", "studentsLinkedEjournal");

    private Checks() { }

    /** NO_DATA naming the missing fact paths (explained from the facts schema). */
    public static Judgement noData(String... paths) { return Judgement.of(ru.edu.auditor.law.checks.Checks.noData(paths)); }

    /** The clause is as bad as its worst part (FAIL, MANUAL, NO_DATA, PENDING, PASS); every part's explanation is kept. */
    public static Judgement worst(Judgement... parts) { return Judgement.of(ru.edu.auditor.law.checks.Checks.worst(Judgement.toLaw(parts))); }

    /** The partial-comparison reading: the same as {@link #worst}. */
    public static Judgement partial(Judgement... parts) { return worst(parts); }

    /** The single element of a collected list, or null when the fact was not reported. */
    public static <T> T one(List<T> collected) { return ru.edu.auditor.law.checks.Checks.one(collected); }

    /** The Russian name of an appointee's role (coordinator, responsibleForUse, administrator, ictSupport). */
    public static String roleLabel(String role) { return ru.edu.auditor.law.checks.Checks.roleLabel(role); }

    /** The Russian name of a responsibility area (sferum, mySchool, ict). */
    public static String areaLabel(String area) { return ru.edu.auditor.law.checks.Checks.areaLabel(area); }

    /** At least {@code requiredPercent} % of the group registered («100 %» — every person; an empty group — MANUAL). */
    public static Judgement allRegistered(Headcount h, String whoGenitive, String where, int requiredPercent) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.allRegistered(h, whoGenitive, where, requiredPercent));
    }

    /** Every person of the group registered (the release before catalog parameters: «100 %» was written in the rule). */
    @Deprecated
    public static Judgement allRegistered(Headcount h, String whoGenitive, String where) { return allRegistered(h, whoGenitive, where, 100); }

    public static Judgement noForeignMessengers(Collection<MessengerUse> uses, Collection<ChatPlatform> chats, boolean usesReported,
                                                List<String> listed, boolean listIsExhaustive) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.noForeignMessengers(uses, chats, usesReported, listed, listIsExhaustive));
    }

    public static Judgement fullTransitionToSferum(Collection<ChatPlatform> chats, boolean chatsReported,
                                                   Collection<MessengerUse> others, boolean usesReported) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.fullTransitionToSferum(chats, chatsReported, others, usesReported));
    }

    public static Judgement officialChatsOnSferum(Collection<ChatPlatform> chats) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.officialChatsOnSferum(chats));
    }

    public static Judgement indicatorTrend(List<?> previous, List<?> current, List<String> keys) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.indicatorTrend(previous, current, keys));
    }

    public static Judgement indicatorsNotFallen(WeeklyIndicators previous, WeeklyIndicators current, List<String> keys) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.indicatorsNotFallen(previous, current, keys));
    }

    public static String[] missingIndicatorPeriods(List<?> reported) { return ru.edu.auditor.law.checks.Checks.missingIndicatorPeriods(reported); }

    public static Judgement weeklyCadence(List<LocalDate> analyses, Audit audit, LocalDate dutiesFrom) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.weeklyCadence(analyses, audit, dutiesFrom));
    }

    /** Appends actual use of Sferum per group to a clause that speaks of use; never changes the verdict. */
    public static Judgement withUse(Judgement j, Collection<?> headcounts) {
        return Judgement.of(ru.edu.auditor.law.checks.Checks.withUse(j.toLaw(), headcounts));
    }

    public static String useOfSferum(Collection<?> headcounts) { return ru.edu.auditor.law.checks.Checks.useOfSferum(headcounts); }

    /** Responsible persons for every area (the release before the package move; the live rules read it in DRL). */
    @Deprecated
    public static Judgement responsibleFor(Collection<ResponsiblePerson> people, List<String> areas) {
        List<String> uncovered = areas.stream().filter(a -> people.stream().noneMatch(p -> p.covers(a))).map(Checks::areaLabel).toList();
        List<String> named = people.stream().filter(p -> areas.stream().anyMatch(p::covers))
                .map(p -> p.getName() + (p.getPosition() != null ? " (" + p.getPosition() + ")" : "")
                        + " — " + p.getAreas().stream().filter(areas::contains).map(Checks::areaLabel).collect(Collectors.joining(", "))
                        + (p.getAppointedBy() != null ? ", приказ " + p.getAppointedBy() : ""))
                .toList();
        if (uncovered.isEmpty()) return Judgement.of(Verdict.PASS, "Назначены ответственные: " + String.join("; ", named) + ".", "responsible", named);
        return Judgement.of(Verdict.FAIL, "Не назначен ответственный за: " + String.join(", ", uncovered) + "."
                + (named.isEmpty() ? "" : " Назначены: " + String.join("; ", named) + "."), "uncovered", uncovered, "responsible", named);
    }

    /** Monthly reports (the release before the package move: no reading of deadlines on days off; live rules read it in DRL). */
    @Deprecated
    public static Judgement monthlyReports(Collection<MonthlyReport> reports, String platform, YearMonth first, int dueDay, Audit audit) {
        String what = "mySchool".equals(platform) ? "об использовании ФГИС «Моя школа»" : "об использовании ИКОП «Сферум»";
        List<YearMonth> months = ReportSchedule.monthsToJudge(first, dueDay, audit.getPeriodFrom(), audit.getAsOf());
        if (months.isEmpty()) {
            YearMonth next = ReportSchedule.nextDue(first, dueDay, audit.getAsOf());
            MonthlyReport r = ReportSchedule.find(reports, platform, next);
            String text = "Срок первого отчёта " + what + " (за " + Fmt.month(next) + ") — до " + Fmt.date(ReportSchedule.dueDate(next, dueDay))
                    + " включительно — на " + Fmt.date(audit.getAsOf()) + " не наступил";
            return r != null ? Judgement.of(Verdict.PASS, text + "; отчёт уже направлен " + Fmt.date(r.getSentOn()) + ".")
                    : Judgement.of(Verdict.PENDING, text + ".", "nextMonth", next.toString());
        }
        List<String> missing = new ArrayList<>();
        List<String> late = new ArrayList<>();
        List<String> onTime = new ArrayList<>();
        for (YearMonth m : months) {
            LocalDate due = ReportSchedule.dueDate(m, dueDay);
            MonthlyReport r = ReportSchedule.find(reports, platform, m);
            if (r == null) missing.add("за " + Fmt.month(m) + " (срок до " + Fmt.date(due) + ")");
            else if (r.getSentOn().isAfter(due)) late.add("за " + Fmt.month(m) + " направлен " + Fmt.date(r.getSentOn()) + " при сроке до " + Fmt.date(due));
            else onTime.add("за " + Fmt.month(m) + " — " + Fmt.date(r.getSentOn()));
        }
        if (missing.isEmpty() && late.isEmpty()) {
            return Judgement.of(Verdict.PASS, "Отчёты " + what + " направлены в срок: " + String.join("; ", onTime) + ".", "onTime", onTime);
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) parts.add("не направлены — " + String.join("; ", missing) + ".");
        if (!late.isEmpty()) parts.add("направлены с опозданием — " + String.join("; ", late) + ".");
        return Judgement.of(Verdict.FAIL, "Отчёты " + what + ": " + String.join(" ", parts), "missing", missing, "late", late, "onTime", onTime);
    }
}
