package ru.edu.auditor.ruleapi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;

/** Russian formatting for explanations (rule-author interface; delegates to the product's {@code text.Fmt}). */
public final class Fmt {
    private Fmt() { }

    /** ДД.ММ.ГГГГ, «—» for none. */
    public static String date(LocalDate d) { return ru.edu.auditor.text.Fmt.date(d); }
    /** «октябрь 2023». */
    public static String month(YearMonth m) { return ru.edu.auditor.text.Fmt.month(m); }
    /** «95 %». */
    public static String percent(long part, long whole) { return ru.edu.auditor.text.Fmt.percent(part, whole); }
    /** «38 из 40 (95 %)». */
    public static String share(Integer part, Integer whole) { return ru.edu.auditor.text.Fmt.share(part, whole); }
    /** The items joined with commas. */
    public static String list(Collection<?> items) { return ru.edu.auditor.text.Fmt.list(items); }
    /** At most {@code max} items, then «и ещё N». */
    public static String list(List<?> items, int max) { return ru.edu.auditor.text.Fmt.list(items, max); }
    /** A number with its noun agreed: «3 педагога». */
    public static String count(long n, String one, String few, String many) { return ru.edu.auditor.text.Plural.count(n, one, few, many); }
}
