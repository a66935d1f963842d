package ru.edu.auditor.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.facts.*;
import ru.edu.auditor.facts.Audit;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.ChatPlatform;
import ru.edu.auditor.ruleapi.ClauseParameters;
import ru.edu.auditor.facts.Communication;
import ru.edu.auditor.ruleapi.DecreeInForce;
import ru.edu.auditor.law.deadlines.DueDates;
import ru.edu.auditor.facts.Headcount;
import ru.edu.auditor.facts.IndicatorSet;
import ru.edu.auditor.facts.MySchool;
import ru.edu.auditor.facts.OfficialChats;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.facts.Reported;
import ru.edu.auditor.facts.ReportingPeriod;
import ru.edu.auditor.facts.RosterCounts;
import ru.edu.auditor.facts.SoftwareInUse;
import ru.edu.auditor.facts.WeeklyAnalyses;
import ru.edu.auditor.facts.WeeklyIndicators;
import ru.edu.auditor.text.Fmt;

/**
 * Turns a validated facts document into the working-memory facts the rules match on. Absent parts are
 * not inserted (so rules see "no data"); reported parts are marked with {@link Reported}; counts the
 * auditor left out are derived from the roster where the roster allows.
 */
public final class FactGatherer {
    private FactGatherer() { }

    public static List<Object> gather(AuditFacts in, RuleSet rules) {
        List<Object> facts = new ArrayList<>();
        Organization org = in.getOrganization();
        ReportingPeriod period = in.getPeriod();
        facts.add(new Audit(in.getAsOf(), period == null ? null : period.getFrom(), period == null ? null : period.getTo()));
        facts.add(org);

        LocalDate periodEnd = judgedPeriodEnd(in);
        for (Decree d : rules.catalog().decrees()) {
            if (!Applicability.decide(d, org, in.getAsOf(), periodEnd).applicable()) continue; // its verdicts are never reported
            facts.add(new DecreeInForce(d.id(), d.effective().inForceFrom(), d.effective().dutiesFrom()));
            facts.add(new ru.edu.auditor.ruleapi.DueDates(new DueDates(d.id(), d.deadlineOnDayOff(), d.deadlineOnDayOffBasis(), rules.calendar())));
            for (Clause c : d.clauses()) {
                // dated law: the day whose law judges the clause — the audit date, or the reported period's last day
                LocalDate day = c.judgedOn(in.getAsOf(), periodEnd);
                if (!d.inForceOn(day) || !c.inForceOn(day)) continue; // judged by nobody: the report says it was not in force
                if (!c.parameters().isEmpty() || c.deadline() != null || c.reading() != null || !c.versions().isEmpty()) {
                    facts.add(new ClauseParameters(d.id(), c.id(), c.deadline(), c.reading(), day, wordings(c), wordingNames(c)));
                }
            }
        }

        Map<String, Integer> derived = RosterCounts.derive(in.getTeachers(), in.getAsOf());
        mark(facts, period, "period");
        mark(facts, in.getSferum(), "sferum");
        if (in.getSferum() != null) facts.add(in.getSferum());

        List<Headcount> headcounts = new ArrayList<>(in.getHeadcount() == null ? List.of() : in.getHeadcount().labelled());
        if (headcounts.stream().noneMatch(h -> h.getGroup().equals("teachers"))
                && derived.containsKey("teachersTotal") && derived.containsKey("teachersRegistered")) {
            headcounts.add(new Headcount("teachers", derived.get("teachersTotal"), derived.get("teachersRegistered")));
        }
        for (Headcount h : headcounts) {
            facts.add(h);
            facts.add(new Reported("headcount." + h.getGroup()));
        }

        MySchool mySchool = mySchool(in, derived);
        mark(facts, mySchool, "mySchool");
        if (mySchool != null) facts.add(mySchool);

        IndicatorSet ind = in.getIndicators();
        WeeklyIndicators current = currentIndicators(in, derived, mySchool);
        if (current != null) {
            facts.add(current.withRole("current"));
            facts.add(new Reported("indicators.current"));
        }
        if (ind != null && ind.getPrevious() != null) {
            facts.add(ind.getPrevious().withRole("previous"));
            facts.add(new Reported("indicators.previous"));
        }

        if (in.getTeachers() != null) {
            facts.add(new Reported("teachers"));
            facts.addAll(in.getTeachers());
        }
        mark(facts, in.getLeadership(), "leadership");
        if (in.getLeadership() != null) facts.add(in.getLeadership());

        Communication comm = in.getCommunication();
        if (comm != null && comm.getMessengersInUse() != null) {
            facts.add(new Reported("communication.messengersInUse"));
            for (SoftwareInUse s : comm.getMessengersInUse()) facts.add(rules.messengers().resolve(s.getName(), s.getPurpose()));
        }
        if (comm != null && comm.getOfficialChats() != null) {
            facts.add(new Reported("communication.officialChats"));
            for (OfficialChats c : comm.getOfficialChats()) {
                facts.add(new ChatPlatform(rules.messengers().resolve(c.getPlatform(), "communication"), c.getCount()));
            }
        }
        if (in.getResponsiblePersons() != null) {
            facts.add(new Reported("responsiblePersons"));
            facts.addAll(in.getResponsiblePersons());
        }
        mark(facts, in.getLocalAct(), "localAct");
        if (in.getLocalAct() != null) facts.add(in.getLocalAct());
        if (in.getWeeklyAnalyses() != null) {
            facts.add(new Reported("weeklyAnalyses"));
            facts.add(new WeeklyAnalyses(in.getWeeklyAnalyses()));
        }
        if (in.getMonthlyReports() != null) {
            facts.add(new Reported("monthlyReports"));
            facts.addAll(in.getMonthlyReports());
        }
        mark(facts, in.getAuthority(), "authority");
        if (in.getAuthority() != null) facts.add(in.getAuthority());
        return facts;
    }

    /**
     * The last day of the period the facts report, whose law judges a clause that judges a period (catalog
     * {@code judges: period}): the week of the current indicators (the week the roster's messages and calls count),
     * else the audited period; null when the facts report neither.
     */
    public static LocalDate judgedPeriodEnd(AuditFacts in) {
        if (in.getIndicators() != null && in.getIndicators().getCurrent() != null && in.getIndicators().getCurrent().getPeriodTo() != null) {
            return in.getIndicators().getCurrent().getPeriodTo();
        }
        return in.getPeriod() == null ? null : in.getPeriod().getTo();
    }

    /** The clause's parameter values in each of its wordings, by the first day the wording applies. */
    private static NavigableMap<LocalDate, Map<String, Object>> wordings(Clause c) {
        NavigableMap<LocalDate, Map<String, Object>> m = new TreeMap<>();
        m.put(LocalDate.MIN, c.parameterValues());
        for (Clause.Version v : c.versions()) m.put(v.from(), c.parameterValuesOn(v.from()));
        return m;
    }

    /** How an explanation names each of the clause's wordings, by the first day it applies (empty: never amended). */
    private static NavigableMap<LocalDate, String> wordingNames(Clause c) {
        NavigableMap<LocalDate, String> m = new TreeMap<>();
        if (c.versions().isEmpty()) return m;
        m.put(LocalDate.MIN, "в первоначальной редакции");
        for (Clause.Version v : c.versions()) m.put(v.from(), "в редакции " + v.amendedBy() + ", действует с " + Fmt.date(v.from()));
        return m;
    }

    /**
     * The indicators of the audited period as the rules see them: those submitted, completed from the roster
     * (or wholly derived from it), with the «Моя школа» figures of the mySchool section; null when nothing gives any.
     */
    public static WeeklyIndicators currentIndicators(AuditFacts in) {
        Map<String, Integer> derived = RosterCounts.derive(in.getTeachers(), in.getAsOf());
        return currentIndicators(in, derived, mySchool(in, derived));
    }

    private static WeeklyIndicators currentIndicators(AuditFacts in, Map<String, Integer> derived, MySchool mySchool) {
        WeeklyIndicators current = in.getIndicators() == null ? null : in.getIndicators().getCurrent();
        if (current == null && derived.size() > 1) current = new WeeklyIndicators(); // the roster gives indicators
        return current == null ? null : withMySchool(current.withDerived(derived), mySchool);
    }

    /** The «Моя школа» section, its active teachers derived from the roster when left out. */
    private static MySchool mySchool(AuditFacts in, Map<String, Integer> derived) {
        MySchool mySchool = in.getMySchool();
        if (mySchool == null && derived.containsKey("mySchoolActiveTeachers")) return new MySchool(derived.get("mySchoolActiveTeachers"), null);
        if (mySchool != null && mySchool.getActiveTeachers() == null && derived.containsKey("mySchoolActiveTeachers")) {
            return new MySchool(derived.get("mySchoolActiveTeachers"), mySchool.getActiveStudents());
        }
        return mySchool;
    }

    /** The current period's «Моя школа» figures come from the mySchool section unless given with the indicators. */
    private static WeeklyIndicators withMySchool(WeeklyIndicators current, MySchool mySchool) {
        return mySchool == null ? current : current.withMySchool(mySchool.getActiveTeachers(), mySchool.getActiveStudents());
    }

    private static void mark(List<Object> facts, Object part, String path) {
        if (part != null) facts.add(new Reported(path));
    }
}
