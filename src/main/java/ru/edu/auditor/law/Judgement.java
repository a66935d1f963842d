package ru.edu.auditor.law;

import java.util.LinkedHashMap;
import java.util.Map;

/** A verdict computed by a shared check, for a rule to state with {@code out.judge(drools, judgement)}. */
public record Judgement(Verdict verdict, String explanation, Map<String, Object> evidence) {
    public static Judgement of(Verdict verdict, String explanation, Object... evidence) {
        Map<String, Object> ev = new LinkedHashMap<>();
        for (int i = 0; i + 1 < evidence.length; i += 2) ev.put(String.valueOf(evidence[i]), evidence[i + 1]);
        return new Judgement(verdict, explanation, ev);
    }
}
