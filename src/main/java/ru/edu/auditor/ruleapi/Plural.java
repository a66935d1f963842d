package ru.edu.auditor.ruleapi;

/** Russian agreement of nouns and verbs with numbers (rule-author interface; delegates to {@code text.Plural}). */
public final class Plural {
    private Plural() { }

    /** {@code one} (1, 21), {@code few} (2–4, 22–24) or {@code many} (0, 5–20, 11–14). */
    public static String form(long n, String one, String few, String many) { return ru.edu.auditor.text.Plural.form(n, one, few, many); }
    /** «5 педагогов». */
    public static String count(long n, String one, String few, String many) { return ru.edu.auditor.text.Plural.count(n, one, few, many); }
    /** «не выполняет 1 из 12», «не выполняют 2 из 12». */
    public static String verb(long n, String singular, String plural) { return ru.edu.auditor.text.Plural.verb(n, singular, plural); }
    /** After «из N»: singular only for 1, 21, 101 … */
    public static String genitive(long n, String singular, String plural) { return ru.edu.auditor.text.Plural.genitive(n, singular, plural); }
    /** «из 21 педагогического работника», «из 12 педагогических работников». */
    public static String ofGenitive(long n, String genitivePlural) { return ru.edu.auditor.text.Plural.ofGenitive(n, genitivePlural); }
}
