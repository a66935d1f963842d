package ru.edu.auditor.formats.sheets;

import java.util.List;

/**
 * One value of the facts as a spreadsheet cell: where it goes in the facts document ({@code keys}, from the
 * document root for a form line, from the list item for a table column), its Russian label and the schema's
 * description, and how a cell is read ({@link Type}).
 *
 * @param section  the label of the object the value belongs to (shown as a section line or a group header), or null
 * @param choices  for {@link Type#CHOICE}: the schema's enumeration with Russian labels
 * @param flagCode for {@link Type#FLAG}: the enumeration value this «да/нет» column adds to the list at {@code keys}
 * @param minimum  the schema's minimum for an integer, or null
 * @param list     for the list types of the district form: the list's item fields
 */
public record Slot(List<String> keys, String label, String description, Type type, List<Choice> choices, String flagCode,
                   Integer minimum, String section, List<Slot> list) {

    /** How a cell is read and written. */
    public enum Type {
        INTEGER, BOOLEAN, DATE, MONTH, TEXT, CHOICE,
        /** «да» adds {@code flagCode} to a list of enumeration values (one column per value). */
        FLAG,
        /** District form: a list of dates in one cell, «06.11.2023; 13.11.2023». */
        DATE_LIST,
        /** District form: a list of names with an optional choice in one cell, «WhatsApp (служебная коммуникация); Сферум». */
        NAME_LIST,
        /** District form: a list of names with counts in one cell, «Сферум: 12; WhatsApp: 3». */
        COUNT_LIST
    }

    /** An enumeration value and its Russian label (from the schema description «code — label, …»). */
    public record Choice(String code, String label) { }

    /** The JSON path of this value under {@code base} ("$" or "$.teachers[3]"). */
    public String path(String base) {
        StringBuilder b = new StringBuilder(base);
        for (String k : keys) b.append('.').append(k);
        return b.toString();
    }

    /** What to type, for the hint column and the header comment. */
    public String hint() {
        return switch (type) {
            case INTEGER -> minimum != null && minimum == 0 ? "целое число (0 и больше)" : "целое число";
            case BOOLEAN, FLAG -> "да или нет";
            case DATE -> "дата ДД.ММ.ГГГГ";
            case MONTH -> "месяц ММ.ГГГГ";
            case TEXT -> "текст";
            case CHOICE -> "одно из: " + String.join("; ", choices.stream().map(Choice::label).toList());
            case DATE_LIST -> "даты ДД.ММ.ГГГГ через «;»; «нет» — ни одной";
            case NAME_LIST -> "названия через «;», назначение в скобках: " + String.join("; ", list.get(1).choices().stream().map(Choice::label).toList())
                    + "; «нет» — ни одного";
            case COUNT_LIST -> "«название: число» через «;»; «нет» — ни одного";
        };
    }
}
