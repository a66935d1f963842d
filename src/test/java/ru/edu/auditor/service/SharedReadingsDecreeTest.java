package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;

/**
 * What rules/README.md promises a rule author: a decree whose obligations all repeat clauses the shared readings of
 * rules/common/ already judge needs only its text and its catalog — no .drl of its own. The decree of
 * src/test/resources/shared-readings-decree is added to a copy of the rules as those two files and must load
 * (validate's checks included: verbatim texts, quotes, readings that exist) and be judged clause by clause.
 */
class SharedReadingsDecreeTest {
    static final String ID = "sonkovo-adm-41-2025";

    static ObjectNode school(String asOf, int registered, String chats) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.putObject("organization").put("name", "МОУ «Сонковская СОШ»").put("kind", "general")
                .put("region", "Тверская область").put("municipality", "Сонковский муниципальный округ");
        doc.put("asOf", asOf);
        doc.putObject("headcount").putObject("employees").put("total", 40).put("registered", registered);
        ObjectNode communication = doc.putObject("communication");
        communication.putArray("messengersInUse").addObject().put("name", "Сферум").put("purpose", "both");
        communication.putArray("officialChats").addObject().put("platform", chats).put("count", 12);
        return doc;
    }

    static Map<String, ClauseResult> clauses(AuditService audits, ObjectNode doc) {
        AuditService.Outcome o = audits.audit(doc);
        assertTrue(o.ok(), o.problems().toString());
        assertTrue(o.report().errors().isEmpty(), o.report().errors().toString());
        DecreeReport d = o.report().decrees().stream().filter(x -> x.id().equals(ID)).findFirst().orElseThrow();
        assertTrue(d.applicable(), d.applicability());
        return d.clauses().stream().collect(Collectors.toMap(ClauseResult::clause, c -> c));
    }

    @Test
    void aDecreeOfSharedReadingsNeedsOnlyItsTextAndCatalog() throws Exception {
        Path dir = TestRules.copy();
        for (String f : List.of(ID + ".txt", ID + ".yaml")) {
            Files.copy(Path.of("src/test/resources/shared-readings-decree", f), dir.resolve("decrees").resolve(f));
        }
        try (Stream<Path> files = Files.list(dir.resolve("decrees"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(ID) && p.toString().endsWith(".drl")), "no DRL of its own");
        }
        RuleSet rules = RuleSet.load(dir); // throws with every problem when validate would refuse
        assertEquals(TestRules.decreeCount() + 1, rules.catalog().decrees().size());
        AuditService audits = new AuditService(new RulesHolder(rules));

        Map<String, ClauseResult> done = clauses(audits, school("2025-10-06", 40, "Сферум"));
        assertEquals("PASS", done.get("1.1").status().name(), done.get("1.1").explanation());
        assertEquals("PASS", done.get("1.2").status().name(), done.get("1.2").explanation());
        assertEquals("PASS", done.get("1.3").status().name(), done.get("1.3").explanation());
        assertTrue(done.get("1.1").explanation().contains("Постановления Администрации Сонковского муниципального округа № 41 от 15.09.2025"),
                "the shared reading cites this decree: " + done.get("1.1").explanation());

        Map<String, ClauseResult> early = clauses(audits, school("2025-09-25", 38, "WhatsApp"));
        assertEquals("PENDING", early.get("1.1").status().name(), early.get("1.1").explanation());
        assertTrue(early.get("1.1").explanation().contains("38 из 40"), early.get("1.1").explanation());
        assertEquals("PENDING", early.get("1.2").status().name(), early.get("1.2").explanation());

        Map<String, ClauseResult> late = clauses(audits, school("2025-10-06", 38, "WhatsApp"));
        assertEquals("FAIL", late.get("1.1").status().name(), late.get("1.1").explanation());
        assertEquals("FAIL", late.get("1.2").status().name(), late.get("1.2").explanation());
    }
}
