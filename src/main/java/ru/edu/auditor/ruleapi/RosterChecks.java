package ru.edu.auditor.ruleapi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.facts.Headcount;
import ru.edu.auditor.facts.MySchool;
import ru.edu.auditor.facts.Teacher;
import ru.edu.auditor.facts.WeeklyIndicators;

/**
 * Checks of duties that bind every teacher one by one: from the per-teacher roster when the auditor gives
 * it (then each teacher who falls short is named), otherwise from the aggregate counts. Each a pure
 * function of facts returning a {@link Judgement}.
 * <p><b>Deprecated, kept for rule files written for the release before the package move</b> (they imported
 * {@code ru.edu.auditor.engine.*}, which the rule compiler now reads as {@code ru.edu.auditor.ruleapi.*}): these are
 * the readings as that release had them, unchanged, so such files compile and judge as they did. The live rules in
 * rules/ do not use this class; their readings are DRL (rules/common, rules/decrees).
 */
@Deprecated
public final class RosterChecks {
    /** The thresholds the aggregate indicators count teachers by (one place: WeeklyIndicators). */
    static final int INDICATOR_MESSAGES = WeeklyIndicators.MESSAGES_INDICATOR_MIN;
    static final int INDICATOR_CALLS = WeeklyIndicators.CALLS_INDICATOR_MIN;

    private RosterChecks() { }

    /**
     * A weekly minimum of Sferum use for every teacher (п. 4 Приказа № 178 Отдела образования
     * Кесовогорского муниципального округа: «10 сообщений в неделю, 1 звонок в неделю»).
     * <p>Reading: the decree does not say where the messages are written; we count messages in group chats
     * of Sferum / VK Messenger — the figure the platform's statistics report (indicator «написавшие в групповых
     * чатах минимум 10 сообщений за неделю»). The minimum binds every teacher, so a single teacher short of
     * either figure is a FAIL.
     * <p>With a roster that gives message or call figures every teacher short of the minimum is named with their figures
     * («Иванова А.П. (t07): 6 сообщений из 10, звонков 0 из 1»); a teacher without a figure is not guessed: with
     * no known shortfall that makes the clause NO_DATA. Without a roster the current period's indicators
     * «минимум 10 сообщений» and «минимум 1 звонок» are compared with the number of teachers (usable only when
     * the decree's minimum is exactly those thresholds); the number of teachers is the head count, or the roster's
     * size. Neither → NO_DATA.
     *
     * @param roster   the Teacher facts (may be empty: no roster; a roster without any message or call figures
     *                 is not used for this check)
     * @param current  the current period's indicators, or null
     * @param teachers the teachers' head count, or null
     */
    public static Judgement weeklyMinimum(List<?> roster, WeeklyIndicators current, Headcount teachers, int minMessages, int minCalls) {
        String norm = minMessages + " " + plural(minMessages, "сообщение", "сообщения", "сообщений") + " и "
                + minCalls + " " + plural(minCalls, "звонок", "звонка", "звонков") + " в неделю";
        String week = current != null && current.getPeriodFrom() != null && current.getPeriodTo() != null
                ? " за период " + Fmt.date(current.getPeriodFrom()) + "–" + Fmt.date(current.getPeriodTo()) : "";
        boolean rosterHasFigures = roster.stream().map(o -> (Teacher) o).anyMatch(t -> t.getGroupChatMessages() != null || t.getCalls() != null);
        if (rosterHasFigures) return fromRoster(roster, norm, week, minMessages, minCalls);

        List<String> missing = new ArrayList<>();
        if (current == null) missing.add("indicators.current");
        Integer teachersTotal = teachers != null && teachers.getTotal() != null ? teachers.getTotal() : roster.isEmpty() ? null : roster.size();
        if (teachersTotal == null) missing.add("headcount.teachers");
        if (!missing.isEmpty()) {
            return Judgement.of(Verdict.NO_DATA, FactPaths.missingExplanation(missing.toArray(String[]::new))
                    + " Вместо них можно представить поимённый список педагогов (teachers) с числом сообщений в групповых чатах и звонков за неделю.",
                    "missing", missing);
        }
        if (minMessages != INDICATOR_MESSAGES || minCalls != INDICATOR_CALLS) {
            return Judgement.of(Verdict.NO_DATA, "Сводные показатели Сферума считают педагогов с не менее чем " + INDICATOR_MESSAGES
                    + " сообщениями и " + INDICATOR_CALLS + " звонком за неделю, а минимум приказа — " + norm
                    + ": нужен поимённый список педагогов (teachers).", "missing", List.of("teachers"));
        }
        int total = teachersTotal;
        Judgement messages = part(current.getTeachersWith10Messages(), total, "indicators.current.teachersWith10Messages",
                "не менее " + minMessages + " " + plural(minMessages, "сообщения", "сообщений", "сообщений") + " в групповых чатах за неделю написали",
                "messages");
        Judgement calls = part(current.getTeachersWith1Call(), total, "indicators.current.teachersWith1Call",
                "не менее " + minCalls + " " + plural(minCalls, "звонка", "звонков", "звонков") + " за неделю совершили", "calls");
        Judgement w = Checks.worst(messages, calls);
        String head = w.verdict() == Verdict.PASS
                ? "Минимальный показатель (" + norm + ") выполнен всеми педагогическими работниками по сводным показателям Сферума" + week + ": "
                : "Минимальный показатель (" + norm + ") по сводным показателям Сферума" + week + ": ";
        Map<String, Object> ev = new LinkedHashMap<>(w.evidence());
        ev.put("teachersTotal", total);
        String text = lowerFirst(messages.explanation());
        if (text.endsWith(".")) text = text.substring(0, text.length() - 1);
        return new Judgement(w.verdict(), head + text + "; " + lowerFirst(calls.explanation()), ev);
    }

    private static Judgement fromRoster(List<?> roster, String norm, String week, int minMessages, int minCalls) {
        List<String> shortfalls = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Teacher t : byId(roster)) {
            Integer m = t.getGroupChatMessages();
            Integer c = t.getCalls();
            List<String> parts = new ArrayList<>();
            if (m != null && m < minMessages) parts.add(m + " " + plural(m, "сообщение", "сообщения", "сообщений") + " из " + minMessages);
            if (c != null && c < minCalls) parts.add("звонков " + c + " из " + minCalls);
            if (!parts.isEmpty()) {
                if (m == null) parts.add("сообщений — нет данных");
                if (c == null) parts.add("звонков — нет данных");
                shortfalls.add(t.getLabel() + ": " + String.join(", ", parts));
            } else if (m == null || c == null) {
                unknown.add(t.getLabel());
            }
        }
        int n = roster.size();
        String gaps = unknown.isEmpty() ? "" : " Нет данных о сообщениях или звонках за неделю: " + String.join(", ", unknown) + ".";
        if (!shortfalls.isEmpty()) {
            return Judgement.of(Verdict.FAIL, "Минимальный показатель использования ИКОП «Сферум» (" + norm + ")" + week + " не выполняют "
                    + shortfalls.size() + " из " + n + " педагогических работников: " + String.join("; ", shortfalls) + "." + gaps,
                    "shortfalls", shortfalls, "unknown", unknown, "teachersTotal", n);
        }
        if (!unknown.isEmpty()) {
            return Judgement.of(Verdict.NO_DATA, "По поимённому списку минимальный показатель (" + norm + ")" + week + " выполняют "
                    + (n - unknown.size()) + " из " + n + " педагогических работников; у остальных " + unknown.size() + " нет данных."
                    + gaps, "missing", List.of("teachers[].groupChatMessages", "teachers[].calls"), "unknown", unknown, "teachersTotal", n);
        }
        return Judgement.of(Verdict.PASS, "Минимальный показатель использования ИКОП «Сферум» (" + norm + ")" + week
                + " выполнен всеми педагогическими работниками по поимённому списку: " + n + " из " + n + ".", "teachersTotal", n);
    }

    private static Judgement part(Integer count, int total, String path, String what, String key) {
        if (count == null) return Checks.noData(path);
        if (count == total) return Judgement.of(Verdict.PASS, what + " " + Fmt.share(count, total) + " педагогических работников.", key, count);
        return Judgement.of(Verdict.FAIL, what + " " + Fmt.share(count, total) + " педагогических работников — не выполняют минимум "
                + (total - count) + ".", key, count, key + "Missing", total - count);
    }

    /**
     * «Моя школа» used by 100 % of teachers (п. 5.1 Приказа № 178 Отдела образования Кесовогорского
     * муниципального округа). Reading: a teacher «использует ФГИС «Моя школа» в образовательном процессе» when
     * they are an active user — signed in at least once in the last 365 days with a confirmed account (the
     * platform's statistics definition; the same as the preamble of Постановление № 262). 100 % means every
     * single teacher. The number of teachers is the head count, or the roster's size when no head count is
     * given. When the roster gives every teacher's «Моя школа» account state, the inactive teachers are named.
     */
    public static Judgement mySchoolAllTeachers(MySchool mySchool, Headcount teachers, List<?> roster, LocalDate asOf) {
        Integer total = teachers != null && teachers.getTotal() != null ? teachers.getTotal() : roster.isEmpty() ? null : roster.size();
        Integer active = mySchool == null ? null : mySchool.getActiveTeachers();
        List<String> missing = new ArrayList<>();
        if (active == null) missing.add("mySchool.activeTeachers");
        if (total == null) missing.add("headcount.teachers");
        if (!missing.isEmpty()) return Checks.noData(missing.toArray(String[]::new));

        String share = Fmt.share(active, total);
        if (active.intValue() == total.intValue()) {
            return Judgement.of(Verdict.PASS, "ФГИС «Моя школа» используют все педагогические работники: активных пользователей "
                    + share + "; требуется 100 % — выполнено.", "teachersTotal", total, "activeTeachers", active);
        }
        List<String> inactive = new ArrayList<>();
        boolean rosterKnows = !roster.isEmpty() && roster.stream().allMatch(o -> ((Teacher) o).getMySchoolConfirmed() != null);
        if (rosterKnows) {
            for (Teacher t : byId(roster)) {
                if (!t.isMySchoolActive(asOf)) inactive.add(t.getLabel() + " — " + inactiveReason(t, asOf));
            }
        }
        return Judgement.of(Verdict.FAIL, "Активных пользователей ФГИС «Моя школа» (вход за последние 365 дней, подтверждённая учётная запись) — "
                + share + " педагогических работников; требуется 100 %: не хватает " + (total - active) + "."
                + (inactive.isEmpty() ? "" : " Не используют: " + String.join("; ", inactive) + "."),
                "teachersTotal", total, "activeTeachers", active, "shortfall", total - active, "inactive", inactive);
    }

    private static String inactiveReason(Teacher t, LocalDate asOf) {
        List<String> why = new ArrayList<>();
        if (!Boolean.TRUE.equals(t.getMySchoolConfirmed())) why.add("учётная запись не подтверждена");
        LocalDate last = t.getMySchoolLastSignIn();
        if (last == null) why.add("входов нет");
        else if (last.isBefore(asOf.minusDays(365))) why.add("последний вход " + Fmt.date(last) + " — более 365 дней назад");
        return why.isEmpty() ? "не активен" : String.join(", ", why);
    }

    /** The roster in a stable order (by the teachers' ids), whatever order the rule engine collected it in. */
    private static List<Teacher> byId(List<?> roster) {
        return roster.stream().map(o -> (Teacher) o).sorted(Comparator.comparing(Teacher::getId)).toList();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Russian noun form for a count: 1 сообщение, 2 сообщения, 5 сообщений. */
    static String plural(int n, String one, String few, String many) {
        int m100 = Math.abs(n) % 100;
        int m10 = m100 % 10;
        if (m100 >= 11 && m100 <= 14) return many;
        if (m10 == 1) return one;
        if (m10 >= 2 && m10 <= 4) return few;
        return many;
    }
}
