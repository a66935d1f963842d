package ru.edu.auditor.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eight weekly indicators of п. 8 Приказа № 8 МКОУ «Сергокалинская СОШ №1» (= п. 1.9 Постановления № 262),
 * plus the «Моя школа» active users, for one period. {@code role} is "current" or "previous".
 */
public class WeeklyIndicators {
    /**
     * The thresholds the platform's statistics count with: {@code teachersWith10Messages} are teachers with at least
     * this many group-chat messages a week, {@code teachersWith1Call} those with at least this many calls.
     */
    public static final int MESSAGES_INDICATOR_MIN = 10;
    public static final int CALLS_INDICATOR_MIN = 1;

    /** Russian labels as printed in the decrees, in printed order. */
    public static final Map<String, String> LABELS = labels();

    private String role;
    private LocalDate periodFrom;
    private LocalDate periodTo;
    private Integer studentsInSferum;
    private Integer teachersInSferum;
    private Integer teachersCreatedGroupChats;
    private Integer teachersWith3Messages;
    private Integer teachersWith10Messages;
    private Integer teachersWith1Call;
    private Integer teachersLinkedEjournal;
    private Integer studentsLinkedEjournal;
    private Integer mySchoolActiveTeachers;
    private Integer mySchoolActiveStudents;
    /** Set when the service took these indicators from a stored audit: its decision id and date (never submitted). */
    @JsonIgnore private String sourceDecisionId;
    @JsonIgnore private LocalDate sourceAsOf;

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("studentsInSferum", "Учеников всего (количество учеников в Сферуме)");
        m.put("teachersInSferum", "Учителей всего (количество учителей в Сферуме, VK Мессенджере и ЭЖД)");
        m.put("teachersCreatedGroupChats", "Учителя, создавшие групповые чаты");
        m.put("teachersWith3Messages", "Учителя, написавшие в групповых чатах минимум 3 сообщения за неделю");
        m.put("teachersWith10Messages", "Учителя, написавшие в групповых чатах минимум 10 сообщений за неделю");
        m.put("teachersWith1Call", "Учителя, совершившие минимум 1 звонок за неделю");
        m.put("teachersLinkedEjournal", "Учителя, связавшие аккаунты ЭЖД");
        m.put("studentsLinkedEjournal", "Ученики, связавшие аккаунты ЭЖД");
        m.put("mySchoolActiveTeachers", "Активные учителя ФГИС «Моя школа»");
        m.put("mySchoolActiveStudents", "Активные ученики ФГИС «Моя школа»");
        return Collections.unmodifiableMap(m);
    }

    public String getRole() { return role; }
    public LocalDate getPeriodFrom() { return periodFrom; }
    public LocalDate getPeriodTo() { return periodTo; }
    public Integer getStudentsInSferum() { return studentsInSferum; }
    public Integer getTeachersInSferum() { return teachersInSferum; }
    public Integer getTeachersCreatedGroupChats() { return teachersCreatedGroupChats; }
    public Integer getTeachersWith3Messages() { return teachersWith3Messages; }
    public Integer getTeachersWith10Messages() { return teachersWith10Messages; }
    public Integer getTeachersWith1Call() { return teachersWith1Call; }
    public Integer getTeachersLinkedEjournal() { return teachersLinkedEjournal; }
    public Integer getStudentsLinkedEjournal() { return studentsLinkedEjournal; }
    public Integer getMySchoolActiveTeachers() { return mySchoolActiveTeachers; }
    public Integer getMySchoolActiveStudents() { return mySchoolActiveStudents; }
    public String getSourceDecisionId() { return sourceDecisionId; }
    public LocalDate getSourceAsOf() { return sourceAsOf; }
    public boolean hasPeriod() { return periodFrom != null && periodTo != null; }

    /** Indicator values by key (see {@link #LABELS}); absent indicators map to null. */
    public Map<String, Integer> values() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("studentsInSferum", studentsInSferum);
        m.put("teachersInSferum", teachersInSferum);
        m.put("teachersCreatedGroupChats", teachersCreatedGroupChats);
        m.put("teachersWith3Messages", teachersWith3Messages);
        m.put("teachersWith10Messages", teachersWith10Messages);
        m.put("teachersWith1Call", teachersWith1Call);
        m.put("teachersLinkedEjournal", teachersLinkedEjournal);
        m.put("studentsLinkedEjournal", studentsLinkedEjournal);
        m.put("mySchoolActiveTeachers", mySchoolActiveTeachers);
        m.put("mySchoolActiveStudents", mySchoolActiveStudents);
        return m;
    }

    public WeeklyIndicators withRole(String role) {
        WeeklyIndicators copy = copy();
        copy.role = role;
        return copy;
    }

    /** The same indicators dated {@code from}–{@code to}, unless they carry a period of their own. */
    public WeeklyIndicators withPeriodIfMissing(LocalDate from, LocalDate to) {
        if (hasPeriod() || from == null || to == null) return this;
        WeeklyIndicators c = copy();
        c.periodFrom = from;
        c.periodTo = to;
        return c;
    }

    /** The same indicators marked as taken from the stored audit {@code decisionId} of {@code asOf}. */
    public WeeklyIndicators fromStoredAudit(String decisionId, LocalDate asOf) {
        WeeklyIndicators c = copy();
        c.sourceDecisionId = decisionId;
        c.sourceAsOf = asOf;
        return c;
    }

    /** The same indicators with the «Моя школа» figures of the mySchool section, which are the source for the current period. */
    public WeeklyIndicators withMySchool(Integer activeTeachers, Integer activeStudents) {
        WeeklyIndicators c = copy();
        if (activeTeachers != null) c.mySchoolActiveTeachers = activeTeachers;
        if (activeStudents != null) c.mySchoolActiveStudents = activeStudents;
        return c;
    }

    /** Fills indicators the auditor left out with values derived elsewhere (e.g. from the roster). */
    public WeeklyIndicators withDerived(Map<String, Integer> derived) {
        WeeklyIndicators c = copy();
        if (c.teachersInSferum == null) c.teachersInSferum = derived.get("teachersInSferum");
        if (c.teachersCreatedGroupChats == null) c.teachersCreatedGroupChats = derived.get("teachersCreatedGroupChats");
        if (c.teachersWith3Messages == null) c.teachersWith3Messages = derived.get("teachersWith3Messages");
        if (c.teachersWith10Messages == null) c.teachersWith10Messages = derived.get("teachersWith10Messages");
        if (c.teachersWith1Call == null) c.teachersWith1Call = derived.get("teachersWith1Call");
        if (c.teachersLinkedEjournal == null) c.teachersLinkedEjournal = derived.get("teachersLinkedEjournal");
        if (c.mySchoolActiveTeachers == null) c.mySchoolActiveTeachers = derived.get("mySchoolActiveTeachers");
        if (c.mySchoolActiveStudents == null) c.mySchoolActiveStudents = derived.get("mySchoolActiveStudents");
        return c;
    }

    private WeeklyIndicators copy() {
        WeeklyIndicators c = new WeeklyIndicators();
        c.role = role; c.periodFrom = periodFrom; c.periodTo = periodTo;
        c.studentsInSferum = studentsInSferum; c.teachersInSferum = teachersInSferum;
        c.teachersCreatedGroupChats = teachersCreatedGroupChats; c.teachersWith3Messages = teachersWith3Messages;
        c.teachersWith10Messages = teachersWith10Messages; c.teachersWith1Call = teachersWith1Call;
        c.teachersLinkedEjournal = teachersLinkedEjournal; c.studentsLinkedEjournal = studentsLinkedEjournal;
        c.mySchoolActiveTeachers = mySchoolActiveTeachers; c.mySchoolActiveStudents = mySchoolActiveStudents;
        c.sourceDecisionId = sourceDecisionId; c.sourceAsOf = sourceAsOf;
        return c;
    }
}
