package ru.edu.auditor.law.catalog;

/**
 * One value a clause states — a threshold, a list, a named person — written once, in the catalog, where the
 * clause that states it is: {@code value}, or {@code from} naming the clause of the same decree whose parameter of
 * the same name supplies it (a clause that refers back: «всех контролируемых показателей» of п. 1.8 are the
 * indicators of п. 1.9). {@code quote}: the decree's own words that state the value, checked against the clause's
 * text; {@code note}: how the auditor reads them, where that is not obvious.
 */
public record Parameter(Object value, String from, String quote, String note) {
    Parameter resolvedTo(Object v) { return new Parameter(v, from, quote, note); }
}
