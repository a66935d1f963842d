package ru.edu.auditor.ruleapi;

import java.util.Map;
import ru.edu.auditor.law.Verdict;

/** What one rule concluded about one clause. */
public record Finding(String decree, String clause, Verdict verdict, String explanation,
                      Map<String, Object> evidence, String rule) { }
