package ru.edu.auditor.engine;

import java.util.Map;

/** What one rule concluded about one clause. */
public record Finding(String decree, String clause, Verdict verdict, String explanation,
                      Map<String, Object> evidence, String rule) { }
