package ru.edu.auditor.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.ruleapi.RuleInterface;

/**
 * Drools' compile messages in Russian, for the rule author who reads them in {@code validate}, on the workspace rules
 * page and in a refused reload: a small table of the common messages (an unknown type, field, method or name, a
 * mismatched token, a duplicate rule name, a type mismatch in a consequence); anything else is marked as a quote of
 * the compiler — «Ошибка компиляции правила (текст компилятора: …)» — so no English reads as the product's own words.
 * File, line and column stay in {@link ru.edu.auditor.law.RuleProblem}; this class translates only the text.
 */
public final class DroolsMessages {
    private DroolsMessages() { }

    private record Entry(Pattern pattern, Function<Matcher, String> russian) { }

    private static final String INTERFACE = "правило видит только интерфейс правил (пакет " + RuleInterface.PACKAGE + ", модель фактов "
            + RuleInterface.FACTS + ", значения JDK) и свои функции, см. rules/README.md, раздел «Интерфейс правил»";

    private static final List<Entry> TABLE = List.of(
            entry("^Unable to resolve ObjectType '([^']+)'", m -> "тип «" + m.group(1) + "» не найден: " + INTERFACE),
            entry("^Unable to analy[sz]e expression '([^']+)'", m -> "условие «" + m.group(1).strip() + "» не разбирается"),
            entry("^Unable to analy[sz]e expression (.+?):?$", m -> "условие «" + m.group(1).strip() + "» не разбирается: у факта нет такого поля или метода, "
                    + "или в выражении опечатка"),
            entry("^unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)", m -> "у типа «" + simple(m.group(1)) + "» нет поля или метода «" + m.group(2) + "»"),
            entry("^Unable to resolve method using strict-mode: (.+)$", m -> "метод не найден: «" + m.group(1).strip() + "»"),
            entry("^(?:Unknown|Unable to find) (?:field|accessor) '?([\\w.]+)'?(?: on (?:type )?'?([\\w.$]+)'?)?", m -> "неизвестное поле «" + m.group(1) + "»"
                    + (m.group(2) == null ? "" : " у типа «" + simple(m.group(2)) + "»")),
            entry("^The method (\\w+)\\(([^)]*)\\) is undefined for the type (\\S+)", m -> "у типа «" + simple(m.group(3)) + "» нет метода «" + m.group(1)
                    + "(" + m.group(2) + ")»"),
            entry("^The method (\\w+)\\(([^)]*)\\) in the type (\\S+) is not applicable for the arguments \\(([^)]*)\\)",
                    m -> "метод «" + m.group(1) + "» типа «" + simple(m.group(3)) + "» принимает (" + m.group(2) + "), а передано (" + m.group(4) + ")"),
            entry("^The field (\\S+) is not visible", m -> "поле «" + m.group(1) + "» недоступно"),
            entry("^(\\S+) cannot be resolved to a type", m -> "тип «" + m.group(1) + "» не найден: " + INTERFACE),
            entry("^(\\w+) cannot be resolved or is not a field", m -> "поле «" + m.group(1) + "» не найдено"),
            entry("^(\\w+) cannot be resolved", m -> "имя «" + m.group(1) + "» не найдено: " + INTERFACE),
            entry("^Type mismatch: cannot convert from (\\S+) to (\\S+)", m -> "несовместимые типы: значение типа «" + simple(m.group(1))
                    + "» нельзя присвоить переменной типа «" + simple(m.group(2)) + "»"),
            entry("^Duplicate rule name: (.+)$", m -> "правило с именем «" + m.group(1).strip() + "» уже есть: имена правил в пакете не должны повторяться"),
            entry("^The type Rule_\\S+ is already defined", m -> "повторяется имя правила (см. сообщение о повторе имени)"),
            entry("^Duplicate local variable (\\w+)", m -> "переменная «" + m.group(1) + "» объявлена дважды"),
            entry("^Syntax error, insert \"([^\"]+)\" to complete", m -> "синтаксическая ошибка в коде правила: не хватает «" + m.group(1) + "»"),
            entry("^Syntax error on token \"([^\"]+)\", (.+?) expected", m -> "синтаксическая ошибка в коде правила у «" + m.group(1) + "»"),
            entry("^Syntax error on tokens?,? \"?([^\"]*)\"?", m -> "синтаксическая ошибка в коде правила у «" + m.group(1) + "»"),
            entry("^(?:\\[ERR \\d+\\] )?Line \\d+:\\d+ mismatched input '([^']*)'(?: in rule \"([^\"]*)\")?(?: expecting (.+))?",
                    m -> "синтаксическая ошибка: неожиданное «" + m.group(1) + "»" + inRule(m.group(2)) + expecting(m.group(3))),
            entry("^(?:\\[ERR \\d+\\] )?Line \\d+:\\d+ no viable alternative at input '([^']*)'(?: in rule \"([^\"]*)\")?",
                    m -> "синтаксическая ошибка: не разбирается «" + m.group(1) + "»" + inRule(m.group(2))),
            entry("^(?:\\[ERR \\d+\\] )?Line \\d+:\\d+ extraneous input '([^']*)'(?: expecting (.+?))?(?: in rule \"([^\"]*)\")?$",
                    m -> "синтаксическая ошибка: лишнее «" + m.group(1) + "»" + inRule(m.group(3)) + expecting(m.group(2))),
            entry("^(?:\\[ERR \\d+\\] )?Line \\d+:\\d+ missing (.+?) at '([^']*)'(?: in rule \"([^\"]*)\")?",
                    m -> "синтаксическая ошибка: перед «" + m.group(2) + "» не хватает " + m.group(1) + inRule(m.group(3))),
            entry("^(?:\\[ERR \\d+\\] )?Line \\d+:\\d+ unexpected exception at input '([^']*)'", m -> "синтаксическая ошибка у «" + m.group(1) + "»"),
            entry("^Parser returned a null Package", m -> "файл не разобран из-за синтаксических ошибок выше"),
            entry("^Rule Compilation error$", m -> ""));

    private static Entry entry(String regex, Function<Matcher, String> russian) { return new Entry(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), russian); }

    private static String inRule(String rule) { return rule == null || rule.isBlank() ? "" : " в правиле «" + rule + "»"; }

    private static String expecting(String what) { return what == null || what.isBlank() ? "" : ", ожидалось " + what.strip(); }

    private static String simple(String type) { return type.substring(type.lastIndexOf('.') + 1); }

    /**
     * The message in Russian: each line of Drools' text by the table (the caret lines under an expression dropped, a
     * repeated translation said once); a line the table does not know is quoted, marked as the compiler's.
     */
    public static String russian(String message) {
        if (message == null || message.isBlank()) return "ошибка компиляции правила";
        Set<String> out = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : message.strip().split("\\R")) {
            String line = raw.strip();
            boolean consequence = line.startsWith("Rule Compilation error ");
            if (consequence) line = line.substring("Rule Compilation error ".length()).strip();
            if (line.startsWith("[Error:") && line.endsWith("]")) line = line.substring(7, line.length() - 1).strip();
            if (line.matches("^\\[(Near|Line)\\b.*")) continue; // MVEL's excerpt and position: the problem already has file and line
            if (line.isEmpty() || line.matches("\\^+")) continue;
            String ru = translate(line);
            if (ru == null) unknown.add(raw.strip());
            else if (!ru.isEmpty()) out.add(ru);
        }
        if (!unknown.isEmpty()) out.add("Ошибка компиляции правила (текст компилятора: «" + String.join(" ", unknown) + "»)");
        return out.isEmpty() ? "ошибка компиляции правила" : String.join("; ", out);
    }

    /** The Russian of one line of Drools' text, "" for a line that says nothing by itself, null when the table does not know it. */
    static String translate(String line) {
        for (Entry e : TABLE) {
            Matcher m = e.pattern().matcher(line);
            if (m.find()) return e.russian().apply(m);
        }
        return null;
    }
}
