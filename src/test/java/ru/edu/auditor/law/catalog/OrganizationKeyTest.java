package ru.edu.auditor.law.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.Organization;

/** Organization keys: the id when given, else the catalog's normalisation of municipality and name. */
class OrganizationKeyTest {
    static Organization org(String id, String name, String municipality) {
        var n = Json.mapper().createObjectNode();
        if (id != null) n.put("id", id);
        n.put("name", name).put("kind", "general").put("municipality", municipality);
        return Json.mapper().convertValue(n, Organization.class);
    }

    @Test
    void spellingsOfOneSchoolShareAKey() {
        String key = OrganizationKey.of(org(null, "МКОУ «Сергокалинская СОШ №1»", "МР «Сергокалинский район»"));
        assertEquals("сергокалинск:сергокалинск-сош-1", key);
        assertEquals(key, OrganizationKey.of(org(null, "Сергокалинская СОШ № 1", "Сергокалинского района")));
        assertNotEquals(key, OrganizationKey.of(org(null, "МКОУ «Сергокалинская СОШ №2»", "Сергокалинский район")));
        assertEquals("0529005555", OrganizationKey.of(org(" 0529005555 ", "Любое имя", "Любой район")));
    }

    @Test
    void municipalityKeysIncludeTheCatalogsAliases() throws Exception {
        Catalog catalog = Catalog.load(Path.of("rules")).catalog();
        var keys = OrganizationKey.municipalityKeys("Александровский район", catalog);
        assertTrue(keys.containsAll(java.util.Set.of("александровск", "александровск оренбургск")), keys.toString());
        assertEquals(java.util.Set.of("нигдеевск"), OrganizationKey.municipalityKeys("Нигдеевский район", catalog));
    }
}
