package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RulesFiles;

/** The difference of two rule versions names the changed parameter, clause and rules, and nothing else. */
class RulesDiffTest {
    @Test
    void aThresholdAndARuleChangeAreNamedBeforeAnyAudit() throws Exception {
        Path dir = TestRules.copy();
        Path yaml = dir.resolve("decrees/kesova-gora-oo-178-2023.yaml");
        // the value and its quote go together: validate refuses a number its quote does not name (issue 20)
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("(requiredPercent:\\s*\\n\\s*value:) 100\\n\\s*quote: \"100 %\"", "$1 90"));
        Path drl = dir.resolve("decrees/kesova-gora-oo-178-2023.drl");
        String text = Files.readString(drl);
        Files.writeString(drl, text + "\n// a comment only\nrule \"новое правило\"\nwhen\n    eval(false)\nthen\nend\n");
        RulesDiff.Result same = RulesDiff.of(RulesFiles.read(Path.of("rules")), RulesFiles.read(TestRules.copy()));
        assertTrue(same.same() && same.decrees().isEmpty() && same.rules().isEmpty() && same.files().isEmpty());

        RulesDiff.Result r = RulesDiff.of(RulesFiles.read(Path.of("rules")), RulesFiles.read(dir));
        assertEquals(1, r.decrees().size(), r.decrees().toString());
        RulesDiff.DecreeChange d = r.decrees().get(0);
        assertEquals("kesova-gora-oo-178-2023", d.decree());
        assertEquals(List.of(), d.fields());
        assertEquals(1, d.clauses().size());
        assertEquals("3.2", d.clauses().get(0).clause());
        assertEquals(List.of(new RulesDiff.ParameterChange("requiredPercent", RulesDiff.Change.changed, 100, 90)), d.clauses().get(0).parameters());
        assertEquals(List.of(new RulesDiff.RuleChange("decrees/kesova-gora-oo-178-2023.drl", "rule «новое правило»", RulesDiff.Change.added)), r.rules());
        assertEquals(2, r.files().size());
    }
}
