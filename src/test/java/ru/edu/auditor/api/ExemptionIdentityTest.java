package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.edu.auditor.api.ExemptionApiTest.ADMIN;
import static ru.edu.auditor.api.ExemptionApiTest.audit;
import static ru.edu.auditor.api.ExemptionApiTest.clause;
import static ru.edu.auditor.api.ExemptionApiTest.exemption;
import static ru.edu.auditor.api.ExemptionApiTest.facts;
import static ru.edu.auditor.api.ExemptionApiTest.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;

/**
 * Issue 20, finding 6: an exemption reaches the organization however the facts name it — recorded by name and
 * municipality, it applies to audits whose facts carry {@code organization.id}, and the other way round (two different
 * ids stay two organizations); recording one for an organization never audited is accepted with a Russian warning; its
 * state is judged on its own dates on the day asked (a backdated exemption is in force for the audits of its period).
 */
class ExemptionIdentityTest {
    private static final LocalDate IN_PERIOD = LocalDate.of(2023, 10, 21);

    private static ObjectNode withId(ObjectNode facts, String id) {
        ((ObjectNode) facts.path("organization")).put("id", id);
        return facts;
    }

    @Test
    void byNameAppliesToFactsWithIdAndByIdToFactsWithoutOne() throws Exception {
        try (ExemptionApiTest.Server s = ExemptionApiTest.start("sqlite")) {
            String wouldBe = clause(audit(s, withId(facts(IN_PERIOD), "05-123")), "3.2").path("status").asText();
            assertNotEquals("EXEMPT", wouldBe);

            // recorded by name and municipality (the README's example): the facts carry the id
            HttpResponse<String> byName = send(s, "POST", "/api/v1/exemptions", ADMIN, exemption("3.2", "2023-10-19", "2023-10-31").toString());
            assertEquals(201, byName.statusCode(), byName.body());
            assertTrue(!byName.body().contains("не найдена среди проверенных"), byName.body()); // the school was audited (by id)
            assertEquals("EXEMPT", clause(audit(s, withId(facts(IN_PERIOD), "05-123")), "3.2").path("status").asText());
            assertEquals("EXEMPT", clause(audit(s, facts(IN_PERIOD)), "3.2").path("status").asText());

            // recorded by id: facts without the id (same name and municipality) get it too; another id does not
            ObjectNode byIdBody = exemption("3.3", "2023-10-19", "2023-10-31");
            ((ObjectNode) byIdBody.path("organization")).put("id", "05-123");
            HttpResponse<String> byId = send(s, "POST", "/api/v1/exemptions", ADMIN, byIdBody.toString());
            assertEquals(201, byId.statusCode(), byId.body());
            assertEquals("EXEMPT", clause(audit(s, facts(IN_PERIOD)), "3.3").path("status").asText());
            assertEquals("EXEMPT", clause(audit(s, withId(facts(IN_PERIOD), "05-123")), "3.3").path("status").asText());
            assertNotEquals("EXEMPT", clause(audit(s, withId(facts(IN_PERIOD), "05-999")), "3.3").path("status").asText());
            // the district spelled otherwise is the same district
            ObjectNode spelled = facts(IN_PERIOD);
            ((ObjectNode) spelled.path("organization")).put("municipality", "Хасавюртовский район");
            assertEquals("EXEMPT", clause(audit(s, spelled), "3.3").path("status").asText());
        }
    }

    @Test
    void anUnknownOrganizationIsRecordedWithAWarningAndStateIsJudgedOnTheDayAsked() throws Exception {
        try (ExemptionApiTest.Server s = ExemptionApiTest.start("sqlite")) {
            ObjectNode body = exemption("3.2", "2023-10-19", "2023-10-31");
            ((ObjectNode) body.path("organization")).put("name", "МКОУ «Эндирейская СОШ №7»");
            HttpResponse<String> r = send(s, "POST", "/api/v1/exemptions", ADMIN, body.toString());
            assertEquals(201, r.statusCode(), r.body());
            JsonNode answer = Json.mapper().readTree(r.body());
            JsonNode warnings = answer.path("warnings");
            assertTrue(warnings.toString().contains("не найдена среди проверенных"), r.body());
            assertTrue(warnings.toString().contains("МКОУ «Эндирейская СОШ №7»"), r.body());
            assertTrue(warnings.toString().contains("уже прошёл"), r.body()); // backdated: said, not hidden
            long id = answer.path("id").asLong();
            // judged on its own dates: in force for an audit of 21.10.2023, expired for one of 01.11.2023
            JsonNode then = Json.mapper().readTree(send(s, "GET", "/api/v1/exemptions/" + id + "?asOf=2023-10-21", ADMIN, null).body());
            assertEquals("in-force", then.path("state").asText(), then.toString());
            assertEquals("2023-10-21", then.path("stateOn").asText());
            JsonNode after = Json.mapper().readTree(send(s, "GET", "/api/v1/exemptions?asOf=2023-11-01", ADMIN, null).body());
            assertEquals("expired", after.path("exemptions").get(0).path("state").asText(), after.toString());
            HttpResponse<String> bad = send(s, "GET", "/api/v1/exemptions?asOf=21.10.2023", ADMIN, null);
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("ГГГГ-ММ-ДД"), bad.body());
        }
    }
}
