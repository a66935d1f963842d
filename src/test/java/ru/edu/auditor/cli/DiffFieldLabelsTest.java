package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;

/** {@code diff} names a changed catalog field in Russian, never by its YAML key (issue 21, item 2). */
public class DiffFieldLabelsTest {
    @Test
    void changedClauseFieldsAreNamedInRussian() throws Exception {
        Path rules = TestRules.copy();
        Path yaml = rules.resolve("decrees/kesova-gora-oo-178-2023.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("addressee: \"Руководители образовательных", "addressee: \"Директора образовательных"));
        CliTest.Run r = CliTest.run("diff", "rules", rules.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out());
        assertTrue(r.out().contains("(поля: кому адресован)"), r.out());
        assertFalse(r.out().matches("(?s).*\\(поля:[^)]*\\b(deadline|addressee)\\b.*"), r.out());
    }
}
