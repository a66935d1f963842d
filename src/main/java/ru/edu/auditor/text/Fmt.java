package ru.edu.auditor.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Russian formatting for explanations. */
public final class Fmt {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final String[] MONTHS = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль",
            "август", "сентябрь", "октябрь", "ноябрь", "декабрь"};

    private Fmt() { }

    public static String date(LocalDate d) { return d == null ? "—" : DATE.format(d); }

    public static String month(YearMonth m) { return m == null ? "—" : MONTHS[m.getMonthValue() - 1] + " " + m.getYear(); }

    /**
     * A share in percent, rounded DOWN to one decimal so that anything short of all never reads as
     * 100 %: 399 of 400 is «99,7 %».
     */
    public static String percent(long part, long whole) {
        if (whole <= 0) return "—";
        BigDecimal p = BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.FLOOR);
        String s = p.stripTrailingZeros().toPlainString();
        if (s.contains("E")) s = p.toPlainString();
        return s.replace('.', ',') + " %";
    }

    /** «38 из 40 (95 %)». */
    public static String share(Integer part, Integer whole) {
        if (part == null || whole == null) return "—";
        return part + " из " + whole + " (" + percent(part, whole) + ")";
    }

    public static String list(Collection<?> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Up to {@code max} items, then «и ещё N». */
    public static String list(List<?> items, int max) {
        if (items.size() <= max) return list(items);
        return list(items.subList(0, max)) + " и ещё " + (items.size() - max);
    }

    /** The text with its first letter capital («педагогов» → «Педагогов»), to begin a sentence or a heading; null stays null. */
    public static String capitalized(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
