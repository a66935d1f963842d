package ru.edu.auditor.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import ru.edu.auditor.engine.RuleInfo;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;

/**
 * The rule set currently serving audits; replaced only whole, in one atomic step. Front ends hold one (loaded by
 * {@link #load}) and read what they show of the rules through it, never the compiled rules themselves.
 */
public final class RulesHolder {
    private final AtomicReference<RuleSet> current;

    public RulesHolder(RuleSet initial) { this.current = new AtomicReference<>(initial); }

    /** The rules of {@code dir}, compiled and checked; every problem found otherwise. */
    public static RulesHolder load(Path dir) throws RulesRejected {
        try {
            return new RulesHolder(RuleSet.load(dir));
        } catch (RuleSet.InvalidRules e) {
            throw new RulesRejected(e.problems());
        }
    }

    public RuleSet current() { return current.get(); }

    public void replace(RuleSet next) { current.set(next); }

    /** The version serving now (sha256 of the rules files, as reports name it). */
    public String version() { return current().version(); }

    /** When the rules serving now were loaded. */
    public Instant loadedAt() { return current().loadedAt(); }

    /** The decree catalog of the rules serving now. */
    public Catalog catalog() { return current().catalog(); }

    /** A rule that judges a clause: the decree's own ({@code @decree}, {@code @clause}) or a shared reading the clause names. */
    public record ClauseRule(String name, boolean sharedReading) { }

    /** The rules judging each clause of {@code d} (clause id → rules by name), in the rules serving now. */
    public Map<String, List<ClauseRule>> rulesByClause(Decree d) {
        Map<String, List<ClauseRule>> own = new LinkedHashMap<>();
        Map<String, List<ClauseRule>> readings = new LinkedHashMap<>();
        for (RuleInfo r : current().rules()) {
            if (d.id().equals(r.decree()) && r.clause() != null) own.computeIfAbsent(r.clause(), k -> new ArrayList<>()).add(new ClauseRule(r.name(), false));
            if (r.sharedReading()) readings.computeIfAbsent(r.reading(), k -> new ArrayList<>()).add(new ClauseRule(r.name(), true));
        }
        Map<String, List<ClauseRule>> out = new LinkedHashMap<>();
        for (Clause c : d.clauses()) {
            List<ClauseRule> l = new ArrayList<>(own.getOrDefault(c.id(), List.of()));
            if (c.reading() != null) l.addAll(readings.getOrDefault(c.reading(), List.of()));
            l.sort(Comparator.comparing(ClauseRule::name));
            out.put(c.id(), List.copyOf(l));
        }
        return out;
    }
}
