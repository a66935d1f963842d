package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/** The audit form generated from the facts schema: every schema field has an input, every fixture survives the form. */
class FormSchemaTest {
    private final FormSchema form = FormSchema.current();

    @Test
    void everySchemaLeafHasAnInputWithARussianLabel() {
        List<String> leaves = new ArrayList<>();
        leaves(FactPaths.schema(), FactPaths.schema(), "", leaves);
        for (String leaf : leaves) {
            String input = form.inputFor("$." + leaf);
            assertEquals(leaf.replaceAll("\\[]", "[0]").replaceFirst("\\[0]$", ""), input == null ? null : input.replaceAll("\\[\\d+]", "[0]")
                    .replaceFirst("\\[0]$", ""), "schema field " + leaf);
        }
        form.fields().values().forEach(f -> assertTrue(f.label().matches(".*[А-Яа-яЁё«].*"), f.name() + ": " + f.label()));
        form.tables().values().forEach(t -> t.columns().forEach(c -> assertTrue(c.label().matches(".*[А-Яа-яЁё«].*"), c.name() + ": " + c.label())));
        List<String> titles = form.sections().stream().map(FormSchema.Section::title).toList();
        assertEquals(List.of("Организация", "Численность и регистрация в «Сферуме»", "«Моя школа»", "Еженедельные показатели", "Педагоги",
                "Мессенджеры и чаты", "Ответственные", "Локальный акт", "Анализы и отчёты", "Орган управления"), titles);
    }

    private static void leaves(JsonNode schema, JsonNode node, String path, List<String> out) {
        JsonNode n = resolve(schema, node);
        String type = n.path("type").isArray() ? n.path("type").get(0).asText() : n.path("type").asText();
        if ("object".equals(type)) {
            Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(schema, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if ("array".equals(type) && "object".equals(resolve(schema, n.path("items")).path("type").asText())) {
            leaves(schema, n.path("items"), path + "[]", out);
        } else {
            out.add(path.replace("[].", "[0]."));
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/$defs/") ? schema.path("$defs").path(ref.substring(8)) : node;
    }

    /** Every fixture's facts → the form's values (the prefill) → the document the form posts: the same document. */
    @Test
    void everyFixtureRoundTripsThroughTheForm() throws Exception {
        List<Fixture> fixtures = FixtureRunner.load(Path.of("fixtures"));
        assertFalse(fixtures.isEmpty());
        for (Fixture fx : fixtures) {
            FormValues v = FormValues.fromDocument(form, fx.facts());
            FormValues.Converted c = v.compact().toDocument();
            assertTrue(c.errors().isEmpty(), fx.name() + ": " + c.errors());
            assertEquals(fx.facts(), c.document(), fx.name());
        }
    }

    @Test
    void emptyIsNotProvidedAndBadInputIsNamedByItsField() {
        FormValues v = new FormValues(form);
        v.single.put("organization.name", "Школа");
        v.single.put("headcount.teachers.total", "десять");
        v.single.put("headcount.teachers.registered", "");
        v.single.put("asOf", "31.02.2024");
        FormValues.Converted c = v.toDocument();
        assertTrue(c.document().path("headcount").path("teachers").path("registered").isMissingNode());
        assertEquals("ожидается целое число, получено «десять»", c.errors().get("headcount.teachers.total"));
        assertTrue(c.errors().get("asOf").contains("ДД.ММ.ГГГГ"));
        assertEquals("teachers[2].calls", form.inputFor("$.teachers[2].calls"));
        assertEquals("weeklyAnalyses", form.inputFor("$.weeklyAnalyses[3]"));
        assertEquals("responsiblePersons[0].appointedBy.date", form.inputFor("$.responsiblePersons[0].appointedBy.date"));
        assertEquals("organization.name", form.inputFor("$.organization"));
        assertNull(form.inputFor("$"));
    }

    @Test
    void pastedSpreadsheetRowsBecomeTableRows() {
        FormValues v = new FormValues(form);
        v.paste("teachers", "t1\tИванова И. И.\tда\t12\n\nt2\tПетров П. П.\tнет\t0\n");
        assertEquals(2, v.rows("teachers"));
        JsonNode doc = v.toDocument().document();
        assertEquals("Петров П. П.", doc.path("teachers").get(1).path("name").asText());
        assertTrue(doc.path("teachers").get(0).path("sferumRegistered").asBoolean());
        assertEquals(12, doc.path("teachers").get(0).path("groupChatMessages").asInt());
    }

    @Test
    void russianPlurals() {
        assertEquals("остался 1 день", Ru.deadline(java.time.LocalDate.of(2024, 1, 2), java.time.LocalDate.of(2024, 1, 1), "PENDING"));
        assertEquals("осталось 3 дня", Ru.deadline(java.time.LocalDate.of(2024, 1, 4), java.time.LocalDate.of(2024, 1, 1), "PENDING"));
        assertEquals("осталось 11 дней", Ru.deadline(java.time.LocalDate.of(2024, 1, 12), java.time.LocalDate.of(2024, 1, 1), "PENDING"));
        assertEquals("просрочено на 21 день", Ru.deadline(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 22), "FAIL"));
        assertEquals("просрочено на 5 дней", Ru.deadline(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 6), "FAIL"));
        assertNull(Ru.deadline(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 6), "PASS"));
        assertEquals("22 организации", Ru.organizations(22));
        assertEquals("112 проверок", Ru.audits(112));
    }
}
