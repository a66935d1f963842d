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

    /** "1 организация", "2 организации", "5 организаций": the number with the noun agreeing in Russian. */
    public static String count(long n, String one, String few, String many) {
        long m100 = Math.abs(n) % 100;
        long m10 = m100 % 10;
        String noun = m100 >= 11 && m100 <= 14 ? many : m10 == 1 ? one : m10 >= 2 && m10 <= 4 ? few : many;
        return n + " " + noun;
    }
}
