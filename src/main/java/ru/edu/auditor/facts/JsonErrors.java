package ru.edu.auditor.facts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a text is not JSON, in Russian, for the person who sent it: Jackson's parser messages are English and
 * name its classes and settings ({@code StreamReadConstraints.getMaxNestingDepth()},
 * {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}), so each known message is rewritten and anything else
 * becomes a plain «синтаксическая ошибка» with its position. No English text of the parser is ever passed on.
 */
public final class JsonErrors {
    private JsonErrors() { }

    private record Rule(Pattern pattern, Function<Matcher, String> text) { }

    private static Rule rule(String regex, Function<Matcher, String> text) { return new Rule(Pattern.compile(regex, Pattern.DOTALL), text); }

    private static final String VALUE = "ожидалось значение JSON: строка в двойных кавычках, число, объект {…}, массив […], true, false или null";

    private static final List<Rule> RULES = List.of(
            rule("^Trailing token", m -> "после JSON-значения есть ещё данные (ожидается ровно один объект)"),
            rule("^Unexpected end-of-input: expected close marker for Object", m -> "текст оборвался: объект { не закрыт скобкой }"),
            rule("^Unexpected end-of-input: expected close marker for Array", m -> "текст оборвался: массив [ не закрыт скобкой ]"),
            rule("^Unexpected end-of-input.*(String|string)", m -> "текст оборвался внутри строки: нет закрывающей кавычки"),
            rule("^Unexpected end-of-input", m -> "текст оборвался: JSON не завершён"),
            rule("^Unexpected close marker '(.)': expected '(.)'", m -> "лишняя закрывающая скобка " + m.group(1) + ": ожидалась " + m.group(2)),
            rule("^Unexpected close marker '(.)'", m -> "лишняя закрывающая скобка " + m.group(1)),
            rule("^Non-standard token '([^']*)'", m -> "значение " + m.group(1) + " не допускается в JSON: укажите число"),
            rule("^Unrecognized token '([^']*)'", m -> "непонятное слово «" + shorten(m.group(1)) + "»: " + VALUE),
            rule("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)", m -> "управляющий символ (код " + m.group(1)
                    + ") внутри строки: его нужно записать как \\u" + String.format("%04x", Integer.parseInt(m.group(1)))),
            rule("^Illegal character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)", m -> "недопустимый управляющий символ (код " + m.group(1) + ") вне строки"),
            rule("^Unrecognized character escape '(.)'", m -> "недопустимая последовательность \\" + m.group(1)
                    + " в строке (допустимы \\\" \\\\ \\/ \\b \\f \\n \\r \\t и \\uXXXX)"),
            rule("^Unrecognized character escape", m -> "недопустимая последовательность с \\ в строке (допустимы \\\" \\\\ \\/ \\b \\f \\n \\r \\t и \\uXXXX)"),
            rule("^Invalid UTF-8|^Invalid UTF-8 (start|middle) byte", m -> "текст не в кодировке UTF-8 (сведения принимаются только в UTF-8)"),
            rule("^Invalid numeric value: Leading zeroes", m -> "число не может начинаться с нуля (например, 7, а не 07)"),
            rule("^Invalid numeric value", m -> "неверная запись числа"),
            rule("^Unexpected character \\('(.)' \\(code \\d+\\)\\): was expecting double-quote to start field name",
                    m -> "неожиданный символ «" + m.group(1) + "»: ожидалось имя поля в двойных кавычках"
                            + ("}".equals(m.group(1)) ? " (лишняя запятая перед } ?)" : "")),
            rule("^Unexpected character \\('(.)' \\(code \\d+\\)\\): was expecting comma to separate Object entries",
                    m -> "неожиданный символ «" + m.group(1) + "»: ожидалась запятая между полями объекта или }"),
            rule("^Unexpected character \\('(.)' \\(code \\d+\\)\\): was expecting comma to separate Array entries",
                    m -> "неожиданный символ «" + m.group(1) + "»: ожидалась запятая между элементами массива или ]"),
            rule("^Unexpected character \\('(.)' \\(code \\d+\\)\\): was expecting a colon", m -> "неожиданный символ «" + m.group(1)
                    + "»: после имени поля ожидалось двоеточие"),
            rule("^Unexpected character \\('(.)' \\(code \\d+\\)\\): Expected space separating root-level values",
                    m -> "после числа неожиданный символ «" + m.group(1) + "»"),
            rule("^Unexpected character \\('(.)' \\(code \\d+\\)\\): expected a (valid )?value", m -> "неожиданный символ «" + m.group(1) + "»: " + VALUE),
            rule("^Unexpected character \\('(.)' \\(code \\d+\\)\\)", m -> "неожиданный символ «" + m.group(1) + "»"),
            rule("^Unexpected character \\(CTRL-CHAR, code (\\d+)\\)", m -> "недопустимый управляющий символ (код " + m.group(1) + ")"),
            rule("^Unexpected character", m -> "неожиданный символ"));

    /** The Russian reason {@code e} was raised, without position. */
    public static String reason(JsonProcessingException e) {
        if (e instanceof JsonInput.Refused r) return r.reason();
        if (e instanceof StreamConstraintsException) return constraint(String.valueOf(e.getOriginalMessage()));
        String m = String.valueOf(e.getOriginalMessage());
        for (Rule r : RULES) {
            Matcher matcher = r.pattern().matcher(m);
            if (matcher.find()) return r.text().apply(matcher);
        }
        return "синтаксическая ошибка JSON";
    }

    /** The reason with «(строка L, столбец C)» when the parser knows where; {@code withLine} false: the column only (one NDJSON line). */
    public static String describe(JsonProcessingException e, boolean withLine) {
        JsonLocation at = e.getLocation();
        String where = "";
        if (at != null && at.getColumnNr() > 0) {
            where = withLine && at.getLineNr() > 0 ? " (строка " + at.getLineNr() + ", столбец " + at.getColumnNr() + ")" : " (столбец " + at.getColumnNr() + ")";
        }
        return reason(e) + where;
    }

    private static String constraint(String m) {
        Matcher n = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)").matcher(m);
        String max = n.find() ? n.group(2) : null;
        if (m.contains("nesting depth")) return "слишком глубокая вложенность объектов и массивов" + (max == null ? "" : " (больше " + max + " уровней)");
        if (m.contains("Number value length")) return "слишком длинное число" + (max == null ? "" : " (больше " + max + " знаков)");
        if (m.contains("String value length")) return "слишком длинная строка" + (max == null ? "" : " (больше " + max + " символов)");
        if (m.contains("Name length")) return "слишком длинное имя поля" + (max == null ? "" : " (больше " + max + " байт)");
        if (m.contains("Document length") || m.contains("Token count")) return "слишком большой документ";
        return "документ превышает допустимые размеры";
    }

    private static String shorten(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }
}
