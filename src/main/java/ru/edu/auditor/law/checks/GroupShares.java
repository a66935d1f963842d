package ru.edu.auditor.law.checks;

import java.util.LinkedHashMap;
import java.util.Map;
import ru.edu.auditor.law.Judgement;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * The one reading of every clause judged as a share of a group («100 % подключение педагогов и обучающихся»,
 * «использование "Моей школы" всеми педагогами», «ознакомить всех руководителей», …).
 * <p><b>An empty group is never compliance.</b> A group the clause speaks of always has members (a school has
 * teachers and pupils; an authority has subordinate organizations): a reported total of 0 contradicts the duty
 * itself, so «0 из 0» proves nothing. The answer is MANUAL — a person must look at the facts — with a reason that
 * says the group is empty and names the field (the same reading the facts validator applies to totals of 0 in its
 * completeness checks). It is never PASS and never FAIL (nobody is shown not to have done anything).
 * <p><b>A required percent</b> is met by the fewest members that make it, counted in whole people and never rounded:
 * «100 %» means every member, 399 of 400 is short by 1.
 */
public final class GroupShares {
    private GroupShares() { }

    /** True when the reported total of the group is 0 (an empty group: see the class comment). */
    public static boolean isEmpty(Integer total) { return total != null && total == 0; }

    /**
     * MANUAL: «Группа пуста: указано 0 педагогических работников (headcount.teachers.total) …». {@code whoGenitive}:
     * the group in the genitive plural («педагогических работников»); {@code totalPath}: the field that said 0.
     */
    public static Judgement empty(String whoGenitive, String totalPath, Object... evidence) {
        Judgement j = Judgement.of(Verdict.MANUAL, "Группа пуста: указано 0 " + whoGenitive + " (" + totalPath + ") — доля от пустой группы "
                + "выполнение не подтверждает, а пункт всегда кого-то касается; сведения противоречат обязанности, требуется оценка специалиста.",
                evidence);
        j.evidence().put("emptyGroup", totalPath);
        return j;
    }

    /** The fewest members that make {@code requiredPercent} % of {@code total} (whole people, rounded up). */
    public static int needed(int total, int requiredPercent) {
        return (int) (((long) requiredPercent * total + 99) / 100);
    }

    /**
     * At least {@code requiredPercent} % of the group did what the clause names. {@code did}: «зарегистрировано»,
     * {@code whoGenitive}: «педагогических работников», {@code where}: « в ИКОП «Сферум»» (may be empty);
     * {@code key}: the evidence name of the group. An empty group — {@link #empty}.
     */
    public static Judgement atLeast(int part, int total, int requiredPercent, String did, String whoGenitive, String where,
                                    String totalPath, String key) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("group", key);
        ev.put("total", total);
        ev.put("registered", part);
        if (total == 0) return empty(whoGenitive, totalPath, "group", key, "total", 0, "registered", part);
        String text = did + " " + Fmt.share(part, total) + " " + Plural.ofGenitive(total, whoGenitive) + where;
        int needed = needed(total, requiredPercent);
        if (part >= needed) return new Judgement(Verdict.PASS, Fmt.capitalized(text) + "; требуется " + requiredPercent + " % — выполнено.", ev);
        ev.put("missing", needed - part);
        return new Judgement(Verdict.FAIL, Fmt.capitalized(text) + "; требуется " + requiredPercent + " %: не хватает " + (needed - part) + ".", ev);
    }

}
