package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.store.StoreSetup;

/** replay and diff from the command line, on a store in a data folder of their own. */
class RulesVersionsCommandsTest {
    @Test
    void replayConfirmsAStoredAuditAndDiffNamesTheChangedParameter() throws Exception {
        Path data = Files.createTempDirectory("auditor-data-");
        Path rules = TestRules.copy();
        String id;
        StoreSetup.Opened opened = StoreSetup.open(null, data, java.util.Map.of(), false);
        try {
            AuditService audits = new AuditService(new RulesHolder(RuleSet.load(rules)), opened.repository());
            id = audits.audit(FixtureRunner.load(Path.of("fixtures", "kesova-gora-oo-178-2023")).get(0).facts()).report().decisionId();
        } finally {
            opened.database().close();
        }
        CliTest.Run replay = CliTest.run("replay", id, "--data", data.toString());
        assertEquals(ExitCodes.OK, replay.exit(), replay.out());
        assertTrue(replay.out().contains("совпадает с сохранённым отчётом"), replay.out());
        CliTest.Run missing = CliTest.run("replay", "01a22d9a-2ff9-7b05-8214-f9d98ace759c", "--data", data.toString());
        assertEquals(ExitCodes.INVALID_INPUT, missing.exit(), missing.out());
        CliTest.Run malformed = CliTest.run("replay", "no-such-decision", "--data", data.toString());
        assertEquals(ExitCodes.USAGE, malformed.exit(), malformed.out());

        CliTest.Run same = CliTest.run("diff", "rules", rules.toString());
        assertEquals(ExitCodes.OK, same.exit(), same.out());
        assertTrue(same.out().contains("Версии совпадают"), same.out());
        String version = RuleSet.versionOf(rules);
        Path yaml = rules.resolve("decrees/kesova-gora-oo-178-2023.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("(requiredPercent:\\s*\\n\\s*value:) 100\\n\\s*quote: \"100 %\"", "$1 90"));
        CliTest.Run changed = CliTest.run("diff", version, rules.toString(), "--data", data.toString());
        assertEquals(ExitCodes.CHECK_FAILED, changed.exit(), changed.out());
        assertTrue(changed.out().contains("п. 3.2: изменён") && changed.out().contains("параметр requiredPercent: изменён, было 100, стало 90"),
                changed.out());
    }
}
