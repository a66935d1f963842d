package ru.edu.auditor.service.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.OrganizationKey;

/**
 * The one decision of who sees which organization, read as the issue states it: a municipality by any spelling the
 * catalog gives it, a region by the stated region or (none stated) the catalog's region of the municipality, an
 * organization by id or by name as {@link OrganizationKey#same} matches them; a school without its organization sees
 * nothing. And the token syntax that carries a scope.
 */
class VisibilityTest {
    static Visibility visibility;
    static final String SOSH1 = OrganizationKey.nameKey("Сергокалинская СОШ № 1", "Сергокалинский район");

    @BeforeAll
    static void load() throws Exception {
        Catalog catalog = Catalog.load(Path.of("rules")).catalog();
        visibility = new Visibility(() -> catalog, null);
    }

    static Tokens.Principal as(Role role, Scope scope) { return new Tokens.Principal("x", role, scope); }

    @Test
    void aMunicipalityIsSeenUnderEverySpellingTheCatalogGivesIt() {
        Tokens.Principal anna = as(Role.auditor, new Scope.Municipality("Сергокалинский район"));
        assertTrue(visibility.sees(anna, "k", null, "МР «Сергокалинский район»", "Республика Дагестан"));
        assertTrue(visibility.sees(anna, "k", null, "Сергокалинский муниципальный район", null));
        assertFalse(visibility.sees(anna, "k", null, "Кесовогорский муниципальный округ", "Тверская область"));
        assertFalse(visibility.sees(anna, "k", null, null, null), "an organization without a municipality is in no municipality");
        Tokens.Principal boris = as(Role.auditor, new Scope.Municipality("Кесовогорский муниципальный округ"));
        assertTrue(visibility.sees(boris, "k", null, "Кесовогорский район", null), "the catalog's alias of the okrug");
        assertTrue(visibility.reaches(boris, "Кесовогорский район"));
        assertFalse(visibility.reaches(boris, "Сергокалинский район"));
    }

    @Test
    void aRegionIsTheStatedRegionElseTheCatalogsRegionOfTheMunicipality() {
        Tokens.Principal dag = as(Role.admin, new Scope.Region("Республика Дагестан"));
        assertTrue(visibility.sees(dag, "k", null, "Сергокалинский район", null), "no region stated: the catalog places the district in Dagestan");
        assertTrue(visibility.sees(dag, "k", null, "Хасавюртовский район", "Республика Дагестан"));
        assertTrue(visibility.sees(dag, "k", null, "Район, которого нет в каталоге", "Республика Дагестан"), "the stated region alone");
        assertFalse(visibility.sees(dag, "k", null, "Район, которого нет в каталоге", null), "no region and an unknown municipality: not placed");
        assertFalse(visibility.sees(dag, "k", null, "Сергокалинский район", "Тверская область"), "a stated region decides");
        assertFalse(visibility.sees(dag, "k", null, "Кесовогорский муниципальный округ", null));
        assertTrue(visibility.reaches(dag, "МР «Сергокалинский район»"));
        assertFalse(visibility.reaches(dag, "Кесовогорский муниципальный округ"));
    }

    @Test
    void anOrganizationIsSeenByItsKeyOrByTheNameItsIdIsFiledUnder() {
        Tokens.Principal school = as(Role.school, new Scope.Organization(SOSH1));
        assertTrue(visibility.sees(school, SOSH1, SOSH1, "Сергокалинский район", null));
        assertTrue(visibility.sees(school, "0512001", SOSH1, "Сергокалинский район", null), "its audits filed with an id under its name");
        assertFalse(visibility.sees(school, OrganizationKey.nameKey("Сергокалинская СОШ № 2", "Сергокалинский район"),
                OrganizationKey.nameKey("Сергокалинская СОШ № 2", "Сергокалинский район"), "Сергокалинский район", null));
        Tokens.Principal byId = as(Role.school, new Scope.Organization("0512001"));
        assertTrue(visibility.sees(byId, "0512001", SOSH1, "Сергокалинский район", null));
        assertFalse(visibility.sees(byId, "0512002", SOSH1, "Сергокалинский район", null), "two different ids are two organizations");
        assertTrue(visibility.reaches(school, "Сергокалинский район"), "its own municipality's roll-up, of itself");
        assertFalse(visibility.reaches(school, "Кесовогорский муниципальный округ"));
    }

    @Test
    void aSchoolWithoutItsOrganizationAndNoCallerSeeNothing() {
        assertFalse(visibility.sees(as(Role.school, Scope.EVERYTHING), "k", null, "Сергокалинский район", null));
        assertFalse(visibility.sees(null, "k", null, "Сергокалинский район", null));
        assertTrue(visibility.sees(as(Role.auditor, Scope.EVERYTHING), "k", null, "Сергокалинский район", null));
        assertTrue(visibility.filter(as(Role.admin, Scope.EVERYTHING)).all());
        assertFalse(visibility.filter(as(Role.school, Scope.EVERYTHING)).all());
        assertEquals("1 = 0", visibility.filter(as(Role.school, Scope.EVERYTHING)).onAudit("a.").sql());
        assertEquals(Visibility.OUT_OF_SCOPE, Visibility.outside(as(Role.auditor, new Scope.Municipality("Сергокалинский район")), "$.organization").code());
    }

    @Test
    void tokensCarryAScopeInBracketsAndTheOldSyntaxStillMeansEverything() {
        Tokens t = Tokens.parse("anna:auditor[municipality=Сергокалинский район]:anna-secret-0123456789,"
                + "sosh1:school[organization=" + SOSH1 + "]:sosh1-secret-0123456789,root:admin:root-secret-0123456789:with:colons");
        assertEquals(new Scope.Municipality("Сергокалинский район"), t.authenticate("anna-secret-0123456789").orElseThrow().scope());
        Tokens.Principal school = t.authenticate("sosh1-secret-0123456789").orElseThrow();
        assertEquals(Role.school, school.role());
        assertEquals(new Scope.Organization(SOSH1), school.scope(), "a key with a colon inside the brackets");
        assertEquals(Scope.EVERYTHING, t.authenticate("root-secret-0123456789:with:colons").orElseThrow().scope());
        IllegalArgumentException noOrg = assertThrows(IllegalArgumentException.class, () -> Tokens.parse("s:school:school-secret-0123456789"));
        assertTrue(noOrg.getMessage().contains("нужна область одной организации"), noOrg.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Tokens.parse("a:auditor[district=X]:secret-0123456789abc"));
        assertTrue(bad.getMessage().contains("region=…, municipality=… или organization=…"), bad.getMessage());
        Tokens made = Tokens.of(Map.of("made-secret-0123456789", as(Role.auditor, new Scope.Region("Тверская область"))));
        assertEquals(new Scope.Region("Тверская область"), made.authenticate("made-secret-0123456789").orElseThrow().scope());
    }
}
