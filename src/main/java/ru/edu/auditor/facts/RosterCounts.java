package ru.edu.auditor.facts;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Aggregate counts derived from the per-teacher roster. A count is derived only when every teacher of
 * the roster reports the field it needs; otherwise it is absent (never guessed).
 */
public final class RosterCounts {
    private RosterCounts() { }

    /** Derived counts by key: teachersTotal, teachersRegistered and the indicator keys of {@link WeeklyIndicators}. */
    public static Map<String, Integer> derive(List<Teacher> roster, LocalDate asOf) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (roster == null || roster.isEmpty()) return m;
        m.put("teachersTotal", roster.size());
        count(roster, Teacher::getSferumRegistered, Boolean.TRUE::equals, "teachersRegistered", m);
        count(roster, Teacher::getSferumRegistered, Boolean.TRUE::equals, "teachersInSferum", m);
        count(roster, Teacher::getCreatedGroupChats, n -> n > 0, "teachersCreatedGroupChats", m);
        count(roster, Teacher::getGroupChatMessages, n -> n >= 3, "teachersWith3Messages", m);
        count(roster, Teacher::getGroupChatMessages, n -> n >= WeeklyIndicators.MESSAGES_INDICATOR_MIN, "teachersWith10Messages", m);
        count(roster, Teacher::getCalls, n -> n >= WeeklyIndicators.CALLS_INDICATOR_MIN, "teachersWith1Call", m);
        count(roster, Teacher::getEjournalLinked, Boolean.TRUE::equals, "teachersLinkedEjournal", m);
        if (roster.stream().allMatch(t -> t.getMySchoolConfirmed() != null)) {
            m.put("mySchoolActiveTeachers", (int) roster.stream().filter(t -> t.isMySchoolActive(asOf)).count());
        }
        return m;
    }

    private static <T> void count(List<Teacher> roster, Function<Teacher, T> field, Predicate<T> test, String key, Map<String, Integer> out) {
        if (roster.stream().allMatch(t -> field.apply(t) != null)) {
            out.put(key, (int) roster.stream().map(field).filter(test).count());
        }
    }
}
