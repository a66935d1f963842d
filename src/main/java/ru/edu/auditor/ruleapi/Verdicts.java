package ru.edu.auditor.ruleapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;
import ru.edu.auditor.facts.FactPaths;

/**
 * The global {@code out} through which rules state verdicts. The decree and clause come from the
 * firing rule's {@code @decree} and {@code @clause} metadata, so a rule cannot speak for a clause it
 * does not name. Evidence is given as alternating key/value arguments. Part of the rule-author interface: every
 * method keeps its signature across releases.
 */
public final class Verdicts {
    private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> ruleErrors = Collections.synchronizedList(new ArrayList<>());

    public void pass(RuleContext drools, String explanation, Object... evidence) { add(drools, Verdict.PASS, explanation, evidence); }
    public void fail(RuleContext drools, String explanation, Object... evidence) { add(drools, Verdict.FAIL, explanation, evidence); }
    public void pending(RuleContext drools, String explanation, Object... evidence) { add(drools, Verdict.PENDING, explanation, evidence); }
    public void manual(RuleContext drools, String explanation, Object... evidence) { add(drools, Verdict.MANUAL, explanation, evidence); }
    public void notApplicable(RuleContext drools, String explanation, Object... evidence) { add(drools, Verdict.NOT_APPLICABLE, explanation, evidence); }

    /** States a verdict computed by a shared check (see {@link Checks}). */
    public void judge(RuleContext drools, Judgement j) {
        Object[] ev = new Object[j.evidence().size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : j.evidence().entrySet()) { ev[i++] = e.getKey(); ev[i++] = e.getValue(); }
        add(drools, j.verdict(), j.explanation(), ev);
    }

    /**
     * States the verdict of a shared reading (a rule marked {@code @reading("x")}, see rules/common/) for the clause
     * whose catalog entry names that reading: the decree and clause come from {@code clause}, and a rule may speak
     * only for a clause that names its reading.
     */
    public void judge(RuleContext drools, ClauseParameters clause, Judgement j) {
        Rule rule = drools.getRule();
        Object reading = rule.getMetaData().get("reading");
        if (reading == null || !unquote(reading).equals(clause.getReading())) {
            ruleErrors.add("Правило «" + rule.getName() + "» вынесло вердикт за п. " + clause.getClause() + " " + clause.getDecree()
                    + ", но пункт судит прочтение «" + clause.getReading() + "», а правило помечено @reading(" + reading + ")");
            return;
        }
        Map<String, Object> ev = new LinkedHashMap<>(j.evidence());
        findings.add(new Finding(clause.getDecree(), clause.getClause(), j.verdict().toLaw(), j.explanation(), ev, rule.getName()));
    }

    /** NO_DATA naming the missing fact paths, e.g. {@code out.noData(drools, "headcount.teachers")}. */
    public void noData(RuleContext drools, String... missingPaths) {
        add(drools, Verdict.NO_DATA, FactPaths.missingExplanation(missingPaths), new Object[] {"missing", List.of(missingPaths)});
    }

    public List<Finding> findings() { synchronized (findings) { return List.copyOf(findings); } }
    public List<String> ruleErrors() { synchronized (ruleErrors) { return List.copyOf(ruleErrors); } }

    private void add(RuleContext drools, Verdict verdict, String explanation, Object[] evidence) {
        Rule rule = drools.getRule();
        Object decree = rule.getMetaData().get("decree");
        Object clause = rule.getMetaData().get("clause");
        if (decree == null || clause == null) {
            ruleErrors.add("Правило «" + rule.getName() + "» вынесло вердикт, но не указывает @decree и @clause");
            return;
        }
        if (evidence.length % 2 != 0) {
            ruleErrors.add("Правило «" + rule.getName() + "»: доказательства (evidence) должны идти парами ключ–значение");
            return;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        for (int i = 0; i < evidence.length; i += 2) ev.put(String.valueOf(evidence[i]), evidence[i + 1]);
        findings.add(new Finding(unquote(decree), unquote(clause), verdict.toLaw(), explanation, ev, rule.getName()));
    }

    /** A metadata value without the quotes Drools may keep: {@code "x"} → {@code x}. */
    public static String unquote(Object metaValue) {
        String s = String.valueOf(metaValue).trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s;
    }
}
