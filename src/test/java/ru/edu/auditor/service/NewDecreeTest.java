package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;

/** A sixth decree arrives as a catalog entry and a DRL file only, and is served after a reload. */
class NewDecreeTest {
    static ObjectNode school(String municipality, String chatPlatform, String asOf) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.putObject("organization").put("name", "МОУ «Сонковская СОШ»").put("kind", "general")
                .put("region", "Тверская область").put("municipality", municipality);
        doc.put("asOf", asOf);
        doc.putObject("communication").putArray("officialChats").addObject().put("platform", chatPlatform).put("count", 14);
        return doc;
    }

    static DecreeReport decree(AuditService.Outcome o, String id) {
        return o.report().decrees().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void newDecreeWithoutJava() throws Exception {
        Path dir = TestRules.copy();
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        AuditService audits = new AuditService(holder);
        try (RuleReloader reloader = new RuleReloader(dir, holder)) {
            for (String f : new String[] {"sonkovo-uo-35-2025.yaml", "sonkovo-uo-35-2025.drl"}) {
                Files.copy(Path.of("src/test/resources/new-decree", f), dir.resolve("decrees").resolve(f));
            }
            assertEquals("loaded", reloader.reloadNow("новое решение").outcome(), String.valueOf(reloader.status().lastAttempt()));
        }
        assertEquals(ru.edu.auditor.TestRules.decreeCount() + 1, holder.current().catalog().decrees().size());

        ClauseResult onMax = decree(audits.audit(school("Сонковский район", "MAX", "2025-10-05")), "sonkovo-uo-35-2025").clauses().get(0);
        assertEquals("PASS", onMax.status().name());
        ClauseResult onSferum = decree(audits.audit(school("Сонковский муниципальный округ", "Сферум", "2025-10-05")), "sonkovo-uo-35-2025").clauses().get(0);
        assertEquals("FAIL", onSferum.status().name(), onSferum.explanation());
        ClauseResult early = decree(audits.audit(school("Сонковский район", "Сферум", "2025-09-20")), "sonkovo-uo-35-2025").clauses().get(0);
        assertEquals("PENDING", early.status().name(), early.explanation());

        DecreeReport elsewhere = decree(audits.audit(school("Кесовогорский муниципальный округ", "MAX", "2025-10-05")), "sonkovo-uo-35-2025");
        assertFalse(elsewhere.applicable());
        assertEquals(null, elsewhere.clauses());
    }
}
