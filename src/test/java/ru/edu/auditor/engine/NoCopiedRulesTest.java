package ru.edu.auditor.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No rule of ./rules is a copy of another: two rules whose bodies differ only in the decree and clause they name
 * drift apart over time (order 8 cl. 7 once dropped a missing fact that decree 262 cl. 1.8 named). Identical clauses
 * share a reading (rules/common, {@code reading:} in the catalog) instead.
 */
class NoCopiedRulesTest {
    private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\b");

    /** A rule's body without comments, the decree and clause it names, and layout. */
    static String essence(String body) {
        return body.replaceAll("//[^\\n]*", "")
                .replaceAll("@decree\\(\"[^\"]*\"\\)|@clause\\(\"[^\"]*\"\\)", "")
                .replaceAll("(decree|clause)\\s*==\\s*\"[^\"]*\"", "")
                .replaceAll("\\s+", " ").strip();
    }

    @Test
    void everyRuleBodyIsDistinct() throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> copies = new ArrayList<>();
        int rules = 0;
        for (Path f : RuleCompiler.drlFiles(Path.of("rules"))) {
            Matcher m = RULE.matcher(Files.readString(f));
            while (m.find()) {
                rules++;
                String where = f.getFileName() + ": «" + m.group(1) + "»";
                String first = seen.putIfAbsent(essence(m.group(2)), where);
                if (first != null) copies.add(where + " повторяет " + first);
            }
        }
        assertTrue(rules > 0, "no rules found");
        assertTrue(copies.isEmpty(), "copied rules — give the clauses one shared reading instead:\n  " + String.join("\n  ", copies));
    }

    @Test
    void theCheckSeesACopy() {
        String a = "\n    @decree(\"x\") @clause(\"1\")\nwhen\n    not Reported(path == \"localAct\") // нет\nthen\n    out.noData(drools, \"localAct\");\n";
        String b = "\n    @decree(\"y\") @clause(\"5.1\")\nwhen\n  not Reported(path == \"localAct\")\nthen\n    out.noData(drools, \"localAct\");\n";
        assertTrue(essence(a).equals(essence(b)), essence(a) + " | " + essence(b));
    }
}
