package ru.edu.auditor.law.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.WeeklyIndicators;

/** Compares the indicators of the audited period with those of the previous period. */
public final class Trends {
    private Trends() { }

    /** One indicator in both periods. */
    public record Change(String key, String label, int previous, int current) {
        public boolean fell() { return current < previous; }
        public boolean rose() { return current > previous; }
        @Override public String toString() { return "«" + label + "»: " + previous + " → " + current; }
    }

    /** The indicators among {@code keys} reported in both periods, in the given order. */
    public static List<Change> compare(WeeklyIndicators previous, WeeklyIndicators current, List<String> keys) {
        Map<String, Integer> p = previous.values();
        Map<String, Integer> c = current.values();
        List<Change> changes = new ArrayList<>();
        for (String k : keys) {
            if (!WeeklyIndicators.LABELS.containsKey(k)) throw new IllegalArgumentException("Неизвестный показатель: " + k);
            if (p.get(k) != null && c.get(k) != null) changes.add(new Change(k, WeeklyIndicators.LABELS.get(k), p.get(k), c.get(k)));
        }
        return changes;
    }

    /** The keys among {@code keys} missing in either period. */
    public static List<String> missing(WeeklyIndicators previous, WeeklyIndicators current, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (previous.values().get(k) == null || current.values().get(k) == null) out.add(k);
        }
        return out;
    }

    public static List<Change> fallen(List<Change> changes) { return changes.stream().filter(Change::fell).toList(); }

    public static List<Change> risen(List<Change> changes) { return changes.stream().filter(Change::rose).toList(); }
}
