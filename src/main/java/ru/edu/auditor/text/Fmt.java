package ru.edu.auditor.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Russian formatting for explanations. */
public final class Fmt {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TYPED_DATE = DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final String[] MONTHS = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль",
            "август", "сентябрь", "октябрь", "ноябрь", "декабрь"};

    /**
     * Russian numbers wherever a person reads a figure: thousands split by a no-break space (so a figure never
     * breaks across lines), a decimal comma — «2 129», «0,45».
     */
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru-RU");

    private Fmt() { }

    /**
     * A sentence continued after a colon: its first letter lower-cased («Правила версии…» → «правила версии…»),
     * unless its first word is an abbreviation («ИКОП…», «API…») or it begins with a quote or a number.
     */
    public static String afterColon(String s) {
        if (s == null || s.isEmpty()) return "нет подробностей";
        boolean abbreviation = s.length() > 1 && Character.isUpperCase(s.charAt(1));
        return abbreviation ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** «2 129». */
    public static String number(long n) { return String.format(RUSSIAN, "%,d", n); }

    /** {@code String.format} with Russian numbers: {@code %,d} → «2 129», {@code %.2f} → «0,45», {@code %,.0f} → «12 346». */
    public static String format(String pattern, Object... args) { return String.format(RUSSIAN, pattern, args); }

    /**
     * A date typed by a person: ДД.ММ.ГГГГ, as every page and workbook writes it, or ISO ГГГГ-ММ-ДД.
     * @throws java.time.format.DateTimeParseException when it is neither or not a day of the calendar (30.02.2023)
     */
    public static LocalDate parseDate(String s) {
        String t = s.strip();
        return t.matches("\\d{1,2}\\.\\d{1,2}\\.\\d{4}") ? LocalDate.parse(t, TYPED_DATE) : LocalDate.parse(t);
    }

    /** Whether {@code s} is written like a date (either form), whatever the day: tells a typo from a day not in the calendar. */
    public static boolean looksLikeDate(String s) {
        return s.strip().matches("\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{4}-\\d{2}-\\d{2}");
    }

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
        return number(part) + " из " + number(whole) + " (" + percent(part, whole) + ")";
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
