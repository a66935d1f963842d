package ru.edu.auditor.formats.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one cell as the value of a {@link Slot}, the way a person fills a form: numbers typed as text («10»,
 * «1 234»), «да»/«нет» (and ИСТИНА/ЛОЖЬ, 1/0), dates as Excel dates or typed as ДД.ММ.ГГГГ (or ГГГГ-ММ-ДД),
 * months as ММ.ГГГГ, «ноябрь 2023» or any date of the month, choices by their Russian label or code, spaces
 * around a value ignored. Anything else is an error message in Russian that names what was expected and what
 * was found; a value is never guessed or defaulted.
 */
final class Cells {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+(?:[.,]0+)?");
    private static final Pattern DMY = Pattern.compile("(\\d{1,2})[./](\\d{1,2})[./](\\d{2,4})(?:\\s*г\\.?)?");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?");
    private static final Pattern MY = Pattern.compile("(\\d{1,2})[./](\\d{4})(?:\\s*г\\.?)?");
    private static final Pattern YM = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern WORD_MONTH = Pattern.compile("([\\p{L}]+)\\s+(\\d{4})(?:\\s*г\\.?)?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("январ", 1), Map.entry("феврал", 2), Map.entry("март", 3), Map.entry("апрел", 4), Map.entry("ма", 5),
            Map.entry("июн", 6), Map.entry("июл", 7), Map.entry("август", 8), Map.entry("сентябр", 9), Map.entry("октябр", 10),
            Map.entry("ноябр", 11), Map.entry("декабр", 12));
    private static final List<String> YES = List.of("да", "д", "true", "истина", "1", "yes");
    private static final List<String> NO = List.of("нет", "н", "false", "ложь", "0", "no");
    /** Excel serial numbers of 01.01.2000 and 31.12.2099: a plain number in a date column is taken as a date only here. */
    private static final double SERIAL_MIN = 36526, SERIAL_MAX = 73050;

    private Cells() { }

    /** A value read from a cell, or why it could not be. */
    record Read(JsonNode value, String error) {
        static Read ok(JsonNode v) { return new Read(v, null); }

        static Read error(String message) { return new Read(null, message); }
    }

    /** Text with ordinary and non-breaking spaces trimmed and runs of spaces made one. */
    static String strip(String s) {
        return s == null ? "" : s.replace('\u00A0', ' ').replace('\u202F', ' ').replaceAll("\\s+", " ").strip();
    }

    /** Compares labels the way a person would: case, ё/е, quotes and spaces do not matter. */
    static String norm(String s) {
        return strip(s).toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("[«»\"“”„']", "").replaceAll("\\s+", " ");
    }

    static Read read(RawCell c, Slot slot, DoubleFunction<LocalDate> dates) {
        if (c.kind() == RawCell.Kind.FORMULA_WITHOUT_VALUE) {
            return Read.error("формула без сохранённого значения (формулы не вычисляются); откройте книгу в Excel и сохраните её или введите значение");
        }
        if (c.kind() == RawCell.Kind.ERROR) return Read.error("в ячейке ошибка «" + c.text() + "»; введите значение или оставьте ячейку пустой");
        return switch (slot.type()) {
            case INTEGER -> integer(c, slot.minimum());
            case BOOLEAN, FLAG -> bool(c);
            case DATE -> date(c, dates);
            case MONTH -> month(c, dates);
            case TEXT -> Read.ok(TextNode.valueOf(c.kind() == RawCell.Kind.TEXT ? strip(c.text()) : c.shown()));
            case CHOICE -> choice(c, slot.choices());
            case DATE_LIST -> dateList(c, dates);
            case NAME_LIST -> nameList(c, slot);
            case COUNT_LIST -> countList(c, slot);
        };
    }

    static Read integer(RawCell c, Integer minimum) {
        long v;
        if (c.kind() == RawCell.Kind.NUMBER) {
            if (c.number() != Math.rint(c.number()) || Math.abs(c.number()) > Integer.MAX_VALUE) return notInteger(c);
            v = (long) c.number();
        } else if (c.kind() == RawCell.Kind.TEXT) {
            String s = strip(c.text()).replace(" ", "");
            if (!INTEGER.matcher(s).matches() || s.length() > 11) return notInteger(c);
            v = Long.parseLong(s.replaceAll("[.,]0+$", "").replace("+", ""));
            if (Math.abs(v) > Integer.MAX_VALUE) return notInteger(c);
        } else {
            return notInteger(c);
        }
        if (minimum != null && v < minimum) return Read.error("ожидается целое число не меньше " + minimum + ", получено «" + c.shown() + "»");
        return Read.ok(IntNode.valueOf((int) v));
    }

    private static Read notInteger(RawCell c) {
        return Read.error("ожидается целое число, получено «" + c.shown() + "»");
    }

    static Read bool(RawCell c) {
        if (c.kind() == RawCell.Kind.BOOLEAN) return Read.ok(BooleanNode.valueOf("1".equals(c.text()) || "true".equalsIgnoreCase(c.text())));
        String s = c.kind() == RawCell.Kind.NUMBER ? c.shown() : norm(c.text()).replaceAll("[.!]$", "");
        if (YES.contains(s)) return Read.ok(BooleanNode.TRUE);
        if (NO.contains(s)) return Read.ok(BooleanNode.FALSE);
        return Read.error("ожидается «да» или «нет», получено «" + c.shown() + "»");
    }

    static Read date(RawCell c, DoubleFunction<LocalDate> dates) {
        LocalDate d = toDate(c, dates);
        if (d != null) return Read.ok(TextNode.valueOf(d.toString()));
        String s = c.kind() == RawCell.Kind.TEXT ? strip(c.text()) : c.shown();
        Matcher m = DMY.matcher(s);
        if (m.matches() && m.group(3).length() != 4) {
            return Read.error("ожидается дата ДД.ММ.ГГГГ с годом из четырёх цифр, получено «" + s + "»");
        }
        if (m.matches() || ISO.matcher(s).matches()) return Read.error("такой даты нет в календаре: «" + s + "»");
        return Read.error("ожидается дата ДД.ММ.ГГГГ, получено «" + s + "»");
    }

    /** The date of a date cell, a plausible serial number or a typed ДД.ММ.ГГГГ / ГГГГ-ММ-ДД; null if none. */
    private static LocalDate toDate(RawCell c, DoubleFunction<LocalDate> dates) {
        if (c.kind() == RawCell.Kind.NUMBER) {
            if (c.dateStyled() || (c.number() >= SERIAL_MIN && c.number() <= SERIAL_MAX)) return dates.apply(c.number());
            return null;
        }
        if (c.kind() != RawCell.Kind.TEXT) return null;
        String s = strip(c.text());
        try {
            Matcher m = DMY.matcher(s);
            if (m.matches() && m.group(3).length() == 4) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            m = ISO.matcher(s);
            if (m.matches()) return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    static Read month(RawCell c, DoubleFunction<LocalDate> dates) {
        LocalDate d = toDate(c, dates);
        if (d != null) return Read.ok(TextNode.valueOf(YearMonth.from(d).toString()));
        String s = c.kind() == RawCell.Kind.TEXT ? strip(c.text()) : c.shown().replace(',', '.');
        try {
            Matcher m = MY.matcher(s);
            if (m.matches()) return Read.ok(TextNode.valueOf(YearMonth.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))).toString()));
            m = YM.matcher(s);
            if (m.matches()) return Read.ok(TextNode.valueOf(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).toString()));
            m = WORD_MONTH.matcher(s.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                Integer month = monthOf(m.group(1));
                if (month != null) return Read.ok(TextNode.valueOf(YearMonth.of(Integer.parseInt(m.group(2)), month).toString()));
            }
        } catch (DateTimeException e) {
            return Read.error("такого месяца нет: «" + s + "»");
        }
        return Read.error("ожидается месяц ММ.ГГГГ (например, 11.2023), получено «" + s + "»");
    }

    private static Integer monthOf(String word) {
        if (word.equals("май") || word.equals("мая")) return 5;
        for (Map.Entry<String, Integer> e : MONTHS.entrySet()) {
            if (e.getKey().length() > 2 && word.startsWith(e.getKey())) return e.getValue();
        }
        return null;
    }

    static Read choice(RawCell c, List<Slot.Choice> choices) {
        String s = norm(c.kind() == RawCell.Kind.TEXT ? c.text() : c.shown());
        for (Slot.Choice ch : choices) {
            if (norm(ch.label()).equals(s) || ch.code().equalsIgnoreCase(s)) return Read.ok(TextNode.valueOf(ch.code()));
        }
        return Read.error("ожидается одно из: " + String.join("; ", choices.stream().map(ch -> "«" + ch.label() + "»").toList())
                + "; получено «" + c.shown() + "»");
    }

    /** «нет» (or «—») in a list cell of the district form: the list is given and empty. */
    private static boolean none(String s) {
        String n = norm(s);
        return n.equals("нет") || n.equals("—") || n.equals("-") || n.equals("не используются") || n.equals("не проводился");
    }

    private static String text(RawCell c) { return c.kind() == RawCell.Kind.TEXT ? strip(c.text()) : c.shown(); }

    static Read dateList(RawCell c, DoubleFunction<LocalDate> dates) {
        ArrayNode out = F.arrayNode();
        if (c.kind() == RawCell.Kind.NUMBER) {
            Read one = date(c, dates);
            if (one.error() != null) return one;
            return Read.ok(out.add(one.value()));
        }
        String s = text(c);
        if (none(s)) return Read.ok(out);
        for (String part : s.split("[;,\\n]")) {
            if (strip(part).isEmpty()) continue;
            Read one = date(new RawCell(c.row(), c.col(), RawCell.Kind.TEXT, part, 0, false, false), dates);
            if (one.error() != null) return Read.error("в списке дат: " + one.error());
            out.add(one.value());
        }
        return Read.ok(out);
    }

    /** «WhatsApp (служебная коммуникация); Сферум» → [{name, purpose}, {name}]. */
    static Read nameList(RawCell c, Slot slot) {
        Slot name = slot.list().get(0), choice = slot.list().get(1);
        return eachItem(c, (p0, item) -> {
            String p = p0;
            String chosen = null;
            for (Slot.Choice ch : choice.choices()) { // «Skype (обучение (ЭО и ДОТ))»: the label itself may hold brackets
                for (String shown : List.of(ch.label(), ch.code())) {
                    String tail = "(" + norm(shown) + ")";
                    String n = norm(p);
                    if (n.endsWith(tail) && n.length() > tail.length()) {
                        p = strip(cutTail(p, shown));
                        chosen = ch.code();
                        break;
                    }
                }
                if (chosen != null) break;
            }
            item.put(name.keys().get(0), p);
            if (chosen != null) item.put(choice.keys().get(0), chosen);
            return null;
        });
    }

    /** {@code s} without its last «(label)», matched the way {@link #norm} compares. */
    private static String cutTail(String s, String label) {
        for (int i = s.lastIndexOf('('); i >= 0; i = i == 0 ? -1 : s.lastIndexOf('(', i - 1)) {
            if (norm(s.substring(i)).equals("(" + norm(label) + ")")) return s.substring(0, i);
        }
        return s;
    }

    /** «Сферум: 12; WhatsApp: 3» → [{platform, count}, …]. */
    static Read countList(RawCell c, Slot slot) {
        Slot name = slot.list().get(0), count = slot.list().get(1);
        return eachItem(c, (p, item) -> {
            Matcher m = NAME_COUNT.matcher(p);
            if (!m.matches()) return "ожидается «название: число» через «;», например «Сферум: 12; WhatsApp: 3», получено «" + p + "»";
            item.put(name.keys().get(0), strip(m.group(1)));
            item.put(count.keys().get(0), Integer.parseInt(m.group(2)));
            return null;
        });
    }

    private static final Pattern NAME_COUNT = Pattern.compile("(.+?)\\s*[:—–-]\\s*(\\d{1,9})");

    /** Fills one object per «;»- or line-separated part of a list cell; the filler answers an error or null. */
    private static Read eachItem(RawCell c, BiFunction<String, ObjectNode, String> fill) {
        ArrayNode out = F.arrayNode();
        String s = text(c);
        if (none(s)) return Read.ok(out);
        for (String part : s.split("[;\\n]")) {
            String p = strip(part);
            if (p.isEmpty()) continue;
            ObjectNode item = F.objectNode();
            String error = fill.apply(p, item);
            if (error != null) return Read.error(error);
            out.add(item);
        }
        return Read.ok(out);
    }
}
