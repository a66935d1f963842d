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
        return nameKey(org.getName(), org.getMunicipality());
    }

    /** The key by name and municipality alone, whether or not the organization also has an id («сергокалинск:сергокалинск-сош-1»). */
    public static String nameKey(String name, String municipality) {
        return hyphens(Applicability.placeKey(municipality)) + ":" + hyphens(Applicability.orgKey(name));
    }

    /**
     * Whether two descriptions name the same organization, however each names it: by id when both carry one (two ids
     * that differ are two organizations, whatever their names), otherwise by name and municipality. An exemption recorded
     * by name applies to audits whose facts carry the organization's id, and the other way round.
     *
     * @param keyA the key {@link #of} gives A (its id, or its name key)
     * @param nameKeyA A's {@link #nameKey}, or null when unknown
     */
    public static boolean same(String keyA, String nameKeyA, String keyB, String nameKeyB) {
        if (keyA.equals(keyB)) return true;
        boolean idA = nameKeyA != null && !keyA.equals(nameKeyA);
        boolean idB = nameKeyB != null && !keyB.equals(nameKeyB);
        if (idA && idB) return false; // two different ids
        String a = nameKeyA != null ? nameKeyA : keyA;
        String b = nameKeyB != null ? nameKeyB : keyB;
        return a.equals(b);
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

    /**
     * The catalog's name of the place {@code spelled} names («Кесовогорский район», «Кесовогорский округ» →
     * «Кесовогорский муниципальный округ»): the municipality of the first decree whose scope names that place by its
     * name or an alias; the spelling itself when no decree names it.
     */
    public static String municipalityName(String spelled, Catalog catalog) {
        if (spelled == null) return null;
        for (Decree d : catalog.decrees()) {
            Decree.Scope s = d.scope();
            if (s != null && s.municipality() != null && Applicability.samePlace(s.municipality(), s.municipalityAliases(), spelled)) return s.municipality();
        }
        return spelled;
    }

    private static String hyphens(String words) { return String.join("-", List.of(words.split(" "))); }
}
