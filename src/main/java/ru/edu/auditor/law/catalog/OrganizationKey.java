package ru.edu.auditor.law.catalog;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import ru.edu.auditor.facts.Organization;

/**
 * The key under which an organization's audits are kept: its {@code id} when the auditor gives one, otherwise
 * its normalised municipality and name joined by a colon, words by hyphens (the normalisation the catalog
 * uses to recognise names: «МКОУ «Сергокалинская СОШ №1»» in «МР «Сергокалинский район»» and
 * «Сергокалинская СОШ № 1» in «Сергокалинский район» are one organization, «сергокалинск:сергокалинск-сош-1»).
 */
public final class OrganizationKey {
    private OrganizationKey() { }

    public static String of(Organization org) {
        if (org.getId() != null && !org.getId().isBlank()) return org.getId().strip();
        return hyphens(Applicability.placeKey(org.getMunicipality())) + ":" + hyphens(Applicability.orgKey(org.getName()));
    }

    /**
     * The normalised keys of every spelling of a municipality that the catalog treats as the same place: the
     * name's own key plus, for each decree whose scope names that place (by its name or an alias), the keys
     * of its name and all its aliases («Александровский район» and «Александровский район Оренбургской области»).
     */
    public static Set<String> municipalityKeys(String municipality, Catalog catalog) {
        Set<String> keys = new TreeSet<>();
        keys.add(Applicability.placeKey(municipality));
        for (Decree d : catalog.decrees()) {
            Decree.Scope s = d.scope();
            if (s.municipality() == null || !Applicability.samePlace(s.municipality(), s.municipalityAliases(), municipality)) continue;
            keys.add(Applicability.placeKey(s.municipality()));
            s.municipalityAliases().forEach(a -> keys.add(Applicability.placeKey(a)));
        }
        keys.remove("");
        return keys;
    }

    private static String hyphens(String words) { return String.join("-", List.of(words.split(" "))); }
}
