package ru.edu.auditor.text;

/**
 * Russian agreement of a noun or verb with a number: «1 педагог, 2 педагога, 5 педагогов», «не выполняет 1 из 12»,
 * «не выполняют 2 из 12». The rule of the grammar (Розенталь, § 191): the last two digits 11–14 take the «many» form;
 * otherwise a last digit 1 takes «one», 2–4 take «few», anything else «many». A negative number agrees as its absolute value.
 */
public final class Plural {
    private Plural() { }

    /** The form agreeing with {@code n}: {@code one} (1, 21, 101), {@code few} (2–4, 22–24), {@code many} (0, 5–20, 11–14, 111). */
    public static String form(long n, String one, String few, String many) {
        long m100 = Math.abs(n) % 100;
        long m10 = m100 % 10;
        if (m100 >= 11 && m100 <= 14) return many;
        if (m10 == 1) return one;
        if (m10 >= 2 && m10 <= 4) return few;
        return many;
    }

    /** The number (in Russian format, {@link Fmt#number}) followed by the agreeing form: «5 педагогов», «1 001 педагог». */
    public static String count(long n, String one, String few, String many) {
        return Fmt.number(n) + " " + form(n, one, few, many);
    }

    /**
     * A verb agreeing with a number as subject: the singular when the number agrees in the «one» form
     * («не выполняет 1 из 12», «не выполняет 21 из 40»), the plural otherwise («не выполняют 2 из 12», «5 из 12»).
     * (With 2–4 and higher the plural is the norm for a subject that acts; Розенталь, § 186.)
     */
    public static String verb(long n, String singular, String plural) {
        long m100 = Math.abs(n) % 100;
        return m100 % 10 == 1 && m100 != 11 ? singular : plural;
    }

    /** «педагогического работника» / «педагогических работников» after «из N» (genitive): singular only for 1, 21, 101 … */
    public static String genitive(long n, String singular, String plural) {
        return verb(n, singular, plural);
    }

    /** Genitive singular of the group names explanations use, keyed by their genitive plural. */
    private static final java.util.Map<String, String> GENITIVE_SINGULAR = java.util.Map.ofEntries(
            java.util.Map.entry("сотрудников", "сотрудника"),
            java.util.Map.entry("работников", "работника"),
            java.util.Map.entry("педагогических работников", "педагогического работника"),
            java.util.Map.entry("педагогов", "педагога"),
            java.util.Map.entry("обучающихся", "обучающегося"),
            java.util.Map.entry("детей (обучающихся)", "ребёнка (обучающегося)"),
            java.util.Map.entry("родителей (законных представителей)", "родителя (законного представителя)"),
            java.util.Map.entry("служебных чатов", "служебного чата"),
            java.util.Map.entry("полных недель", "полной недели"),
            java.util.Map.entry("организаций", "организации"));

    /**
     * A group named after «из N» in the genitive, agreeing with N: {@code ofGenitive(21, "педагогических работников")}
     * is «педагогического работника», {@code ofGenitive(12, …)} stays plural. A name the table does not know stays plural.
     */
    public static String ofGenitive(long n, String genitivePlural) {
        String one = GENITIVE_SINGULAR.get(genitivePlural);
        return one == null ? genitivePlural : genitive(n, one, genitivePlural);
    }
}
