package ru.edu.auditor.ruleapi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verdict with its Russian explanation and evidence, computed by a rule or a shared check and stated with
 * {@code out.judge(drools, judgement)} (rule-author interface, kept compatible across releases).
 */
public record Judgement(Verdict verdict, String explanation, Map<String, Object> evidence) {
    /** Evidence as alternating key/value arguments: {@code Judgement.of(Verdict.PASS, "…", "total", 40)}. */
    public static Judgement of(Verdict verdict, String explanation, Object... evidence) {
        Map<String, Object> ev = new LinkedHashMap<>();
        for (int i = 0; i + 1 < evidence.length; i += 2) ev.put(String.valueOf(evidence[i]), evidence[i + 1]);
        return new Judgement(verdict, explanation, ev);
    }

    static Judgement of(ru.edu.auditor.law.Judgement j) {
        return new Judgement(Verdict.of(j.verdict()), j.explanation(), j.evidence());
    }

    ru.edu.auditor.law.Judgement toLaw() { return new ru.edu.auditor.law.Judgement(verdict.toLaw(), explanation, evidence); }

    static ru.edu.auditor.law.Judgement[] toLaw(Judgement... parts) {
        ru.edu.auditor.law.Judgement[] out = new ru.edu.auditor.law.Judgement[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = parts[i].toLaw();
        return out;
    }
}
