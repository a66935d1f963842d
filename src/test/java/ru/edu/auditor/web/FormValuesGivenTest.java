package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** «Сведения представлены» of a table: rows typed are information given; a blank row gives nothing. */
class FormValuesGivenTest {
    final FormSchema form = FormSchema.current();

    @Test
    void filledRowsTickTheBoxAndAreUsedWhetherOrNotItWasTicked() {
        FormValues v = FormValues.read(form, Map.of("responsiblePersons.rows", List.of("1"), "responsiblePersons[0].name", List.of("Адзиева Х. З."),
                "responsiblePersons[0].areas", List.of("sferum", "ict")));
        assertFalse(v.present.contains("responsiblePersons"), "not ticked by the person");
        v.givenByRows();
        assertTrue(v.present.contains("responsiblePersons"), "ticked by the rows");
        JsonNode people = v.compact().toDocument().document().path("responsiblePersons");
        assertEquals(1, people.size());
        assertEquals("Адзиева Х. З.", people.get(0).path("name").asText());
        assertEquals(List.of("sferum", "ict"), List.of(people.get(0).path("areas").get(0).asText(), people.get(0).path("areas").get(1).asText()));
    }

    @Test
    void aBlankRowGivesNothingAndAnUntickedEmptyTableIsNotGiven() {
        FormValues v = FormValues.read(form, Map.of("responsiblePersons.rows", List.of("1")));
        v.givenByRows();
        assertFalse(v.present.contains("responsiblePersons"));
        assertTrue(v.compact().toDocument().document().path("responsiblePersons").isMissingNode(), "no rows, no tick: no information");
        FormValues none = FormValues.read(form, Map.of("responsiblePersons.present", List.of("1")));
        assertEquals(0, none.compact().toDocument().document().path("responsiblePersons").size(), "ticked without rows: none");
        assertTrue(none.compact().toDocument().document().path("responsiblePersons").isArray());
    }
}
