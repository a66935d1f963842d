package ru.edu.auditor.service.access;

/**
 * Which organizations a caller sees and may audit: the whole installation, one region, one municipality (by the
 * catalog's name or any of its aliases) or one organization (by its key). The one model of scope shared by tokens,
 * accounts, the services that filter by it and the change record.
 */
public sealed interface Scope permits Scope.Everything, Scope.Region, Scope.Municipality, Scope.Organization {
    /** The whole installation. */
    Scope EVERYTHING = new Everything();

    /** The whole installation. */
    record Everything() implements Scope {
        @Override public String inWords() { return "вся установка"; }
    }

    /** One subject of the federation, as the catalog names it («Республика Дагестан»). */
    record Region(String name) implements Scope {
        @Override public String inWords() { return "регион: " + name; }
    }

    /** One municipality, by the catalog's name or any of its aliases («Сергокалинский район»). */
    record Municipality(String name) implements Scope {
        @Override public String inWords() { return "муниципалитет: " + name; }
    }

    /** One organization, by the key its audits are kept under. */
    record Organization(String key) implements Scope {
        @Override public String inWords() { return "организация: " + key; }
    }

    /** The scope in Russian words, for pages and the record. */
    String inWords();

    /**
     * A scope as configuration writes it: {@code region=<name>}, {@code municipality=<name>}, {@code organization=<key>};
     * blank (or {@code everything}): the whole installation. Throws with a Russian message naming what is wrong.
     */
    static Scope parse(String spec) {
        if (spec == null || spec.isBlank() || spec.strip().equals("everything")) return EVERYTHING;
        int eq = spec.indexOf('=');
        String kind = eq < 0 ? spec.strip() : spec.substring(0, eq).strip();
        String value = eq < 0 ? "" : spec.substring(eq + 1).strip();
        if (value.isEmpty() && !kind.isEmpty() && eq >= 0) throw new IllegalArgumentException("область доступа «" + kind + "» без значения");
        return switch (kind) {
            case "region" -> new Region(value);
            case "municipality" -> new Municipality(value);
            case "organization" -> new Organization(value);
            default -> throw new IllegalArgumentException("область доступа должна быть region=…, municipality=… или organization=…, получено «" + spec.strip() + "»");
        };
    }
}
