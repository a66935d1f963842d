package ru.edu.auditor.law.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Place and organization names match robustly, but a city never matches the district named after it. */
class ApplicabilityTest {
    @Test
    void districtSpellingsMatch() {
        for (String s : List.of("Сергокалинский район", "МР «Сергокалинский район»", "Сергокалинского района",
                "муниципальный район \"Сергокалинский район\"", "СЕРГОКАЛИНСКИЙ РАЙОН")) {
            assertTrue(Applicability.samePlace("Сергокалинский район", List.of(), s), s);
        }
        assertTrue(Applicability.samePlace("Кесовогорский муниципальный округ", List.of(), "Кесовогорский район"));
    }

    @Test
    void aCityIsNotTheDistrictNamedAfterIt() {
        assertFalse(Applicability.samePlace("Хасавюртовский район", List.of(), "г. Хасавюрт"));
        assertFalse(Applicability.samePlace("Сергокалинский район", List.of(), "Карабудахкентский район"));
    }

    @Test
    void schoolNamesIgnoreLegalFormAndNumberSpacing() {
        assertEquals(Applicability.orgKey("МКОУ «Сергокалинская СОШ №1»"), Applicability.orgKey("Сергокалинская СОШ № 1"));
        assertFalse(Applicability.orgKey("МКОУ «Сергокалинская СОШ №1»").equals(Applicability.orgKey("МКОУ «Сергокалинская СОШ №2»")));
    }
}
