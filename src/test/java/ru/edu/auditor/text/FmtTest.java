package ru.edu.auditor.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void capitalizedMakesOnlyTheFirstLetterCapital() {
        assertEquals("Педагогов в Сферуме", Fmt.capitalized("педагогов в Сферуме"));
        assertEquals("ФГИС «Моя школа»", Fmt.capitalized("ФГИС «Моя школа»"));
        assertEquals("«Сферум»", Fmt.capitalized("«Сферум»"));
        assertEquals("", Fmt.capitalized(""));
        assertNull(Fmt.capitalized(null));
    }
}
