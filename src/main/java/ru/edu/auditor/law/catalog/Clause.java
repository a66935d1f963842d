package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.text.Fmt;

/**
 * One printed clause of a decree. A subclause without a deadline of its own takes its heading's deadline and
 * note (see {@link Catalog}); {@code deadlineAppliesTo} on a heading limits that to the subclauses it names;
 * {@code deadlineFrom} takes the deadline another clause states (its own {@code deadlineNote} says why).
 * {@code reading}: the shared reading (rule with {@code @reading}) that judges this clause, when no rule of the
 * decree does. Dated law: {@code inForceUntil} — the last day the clause is in force (inclusive); {@code repealedBy} —
 * the clause of the act that repealed it, {@code versions} — its amended texts and parameters with the day each took
 * effect (both set from the amending acts' {@code amends:}, never written in the amended act's own catalog).
 * {@code judges}: what the clause judges — {@code state} (default: the state on the audit date) or {@code period}
 * (the audit's reported period, a week: its wording, parameters, repeal and entry into force are those of the
 * period's last day, see {@link #judgedOn}) or {@code months} (monthly reports: each month by its own wording, which
 * the rule names).
 */
public record Clause(
        String id,
        ClauseKind kind,
        String addressee,
        List<String> orgKinds,
        LocalDate deadline,
        String deadlineNote,
        DeadlineRef deadlineFrom,
        List<String> deadlineAppliesTo,
        String text,
        String reading,
        Map<String, Parameter> parameters,
        LocalDate inForceUntil,
        ActRef repealedBy,
        List<Version> versions,
        String judges) {

    /** Whether the clause judges the audit's reported period (a week) rather than the state on the audit date. */
    public boolean judgesPeriod() { return "period".equals(judges); }

    /**
     * Whether the clause judges monthly reports, each month by the wording in force on that month's last day: its rule
     * names the wording applied to each month, so no one wording is named for the whole clause.
     */
    public boolean judgesMonths() { return "months".equals(judges); }

    /**
     * The day whose law judges this clause: for a clause that judges the reported period, the period's last day —
     * a weekly duty («10 сообщений в неделю») is due by the week's end, as a deadline is due on its day, so the week is
     * judged by the law in force when it closes (a week of February by February's wording, even when audited in
     * March); otherwise the audit date, the day whose state the facts describe.
     */
    public LocalDate judgedOn(LocalDate asOf, LocalDate periodEnd) {
        return judgesPeriod() && periodEnd != null && periodEnd.isBefore(asOf) ? periodEnd : asOf;
    }

    public List<String> orgKinds() { return orgKinds == null ? List.of() : orgKinds; }
    public List<String> deadlineAppliesTo() { return deadlineAppliesTo == null ? List.of() : deadlineAppliesTo; }
    public Map<String, Parameter> parameters() { return parameters == null ? Map.of() : parameters; }
    public List<Version> versions() { return versions == null ? List.of() : versions; }

    /** In force on {@code asOf}: not past its {@code inForceUntil} (the last day it is in force, inclusive). */
    public boolean inForceOn(LocalDate asOf) { return inForceUntil == null || !asOf.isAfter(inForceUntil); }

    /** The amended version in force on {@code asOf} (the latest whose {@code from} is not after it), or null for the original text. */
    public Version versionOn(LocalDate asOf) {
        Version best = null;
        for (Version v : versions()) if (!v.from().isAfter(asOf) && (best == null || v.from().isAfter(best.from()))) best = v;
        return best;
    }

    /** The parameters' values in force on {@code asOf}: the original ones, replaced by name by those of the version in force. */
    public Map<String, Object> parameterValuesOn(LocalDate asOf) {
        Map<String, Object> m = parameterValues();
        Version v = versionOn(asOf);
        if (v != null) v.parameters().forEach((k, p) -> { if (p.value() != null) m.put(k, p.value()); });
        return m;
    }

    /**
     * Which wording judged the clause on {@code day}, for the explanation, or null for a clause never amended:
     * «Пункт проверен в редакции п. 1 Приказа … № 31 от 15.02.2024, действует с 01.03.2024» or «Пункт проверен в
     * первоначальной редакции (редакция п. 1 Приказа … действует с 01.03.2024)»; {@code why} (may be null) says why
     * that day was taken («на 25.02.2024, последний день проверяемого периода»).
     */
    public String wordingApplied(LocalDate day, String why) {
        if (versions().isEmpty()) return null;
        Version v = versionOn(day);
        String at = why == null ? "" : " — " + why;
        if (v != null) {
            return "Пункт проверен в редакции " + v.amendedBy() + ", действует с " + Fmt.date(v.from()) + at + ".";
        }
        Version next = versions().get(0);
        return "Пункт проверен в первоначальной редакции" + at + "; редакция " + next.amendedBy() + " действует с "
                + Fmt.date(next.from()) + ".";
    }

    /** The text in force on {@code asOf}. */
    public String textOn(LocalDate asOf) {
        Version v = versionOn(asOf);
        return v == null ? text : v.text();
    }

    /** A clause of an act that repealed or amended this one, with the act's citation (for the texts a person reads). */
    public record ActRef(String decree, String clause, String citation) {
        @Override public String toString() { return "п. " + clause + " " + (citation != null ? citation : decree); }
    }

    /**
     * An amended version of the clause: its text and parameters as amended, the day it took effect ({@code from},
     * inclusive) and the clause of the decree that amended it. Parameters not named keep their original value.
     */
    public record Version(LocalDate from, String text, Map<String, Parameter> parameters, ActRef amendedBy, String note) {
        public Map<String, Parameter> parameters() { return parameters == null ? Map.of() : parameters; }
    }

    /** The parameters' values by name (after {@code from} is resolved), for the rules. */
    public Map<String, Object> parameterValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        parameters().forEach((k, p) -> { if (p.value() != null) m.put(k, p.value()); });
        return m;
    }

    public boolean addresses(String orgKind) { return orgKinds().contains(orgKind); }
    public boolean isObligation() { return kind == ClauseKind.obligation; }

    /** The id of the clause this one is printed under («3» for «3.2»), or null. */
    public String parentId() {
        int dot = id == null ? -1 : id.lastIndexOf('.');
        return dot < 0 ? null : id.substring(0, dot);
    }

    /**
     * A deadline the clause takes from another clause, of this decree or of another one ({@code decree} set): the
     * reading of «в кратчайшие сроки» as the shortest deadline the same authority set for the same move.
     */
    public record DeadlineRef(String decree, String clause) {
        @Override public String toString() { return (decree != null ? decree + " " : "") + "п. " + clause; }
    }

    Clause withDeadline(LocalDate d, String note) {
        return new Clause(id, kind, addressee, orgKinds, d, note, deadlineFrom, deadlineAppliesTo, text, reading, parameters,
                inForceUntil, repealedBy, versions, judges);
    }

    Clause withParameters(Map<String, Parameter> p) {
        return new Clause(id, kind, addressee, orgKinds, deadline, deadlineNote, deadlineFrom, deadlineAppliesTo, text, reading, p,
                inForceUntil, repealedBy, versions, judges);
    }

    Clause repealed(LocalDate lastDay, ActRef by) {
        return new Clause(id, kind, addressee, orgKinds, deadline, deadlineNote, deadlineFrom, deadlineAppliesTo, text, reading, parameters,
                lastDay, by, versions, judges);
    }

    Clause withVersion(Version v) {
        List<Version> all = new ArrayList<>(versions());
        all.add(v);
        all.sort(Comparator.comparing(Version::from));
        return new Clause(id, kind, addressee, orgKinds, deadline, deadlineNote, deadlineFrom, deadlineAppliesTo, text, reading, parameters,
                inForceUntil, repealedBy, all, judges);
    }
}
