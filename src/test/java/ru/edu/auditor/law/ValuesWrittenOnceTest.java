package ru.edu.auditor.law;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, finding 9: a value is written once. The 365 days of «активный пользователь» «Моей школы» live in
 * {@code facts.Teacher.MY_SCHOOL_ACTIVE_DAYS} (rules, roster counts and the generator read it there); the thresholds of the
 * platform's weekly indicators (10 messages, 1 call) in {@code WeeklyIndicators}; a decree's own values in its catalog.
 */
class ValuesWrittenOnceTest {
    @Test
    void theActiveUserDaysAndIndicatorThresholdsAreNotRewrittenInRulesOrCode() throws Exception {
        List<String> copies = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("rules"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".drl")).toList()) {
                String code = Files.readString(f);
                if (code.contains("365")) copies.add(f + ": 365");
            }
        }
        for (String f : List.of("src/main/java/ru/edu/auditor/facts/RosterCounts.java", "src/main/java/ru/edu/auditor/tools/generate/FactsGenerator.java")) {
            String code = Files.readString(Path.of(f));
            if (code.contains("minusDays(365)")) copies.add(f + ": minusDays(365)");
            if (code.matches("(?s).*>= 10\\b.*")) copies.add(f + ": >= 10");
            if (code.matches("(?s).*>= 1\\b[^0-9].*")) copies.add(f + ": >= 1");
        }
        assertEquals(List.of(), copies);
    }
}
