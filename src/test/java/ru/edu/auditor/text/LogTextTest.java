package ru.edu.auditor.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** A submitted value in a log line can neither end the line nor fake a field of it nor hide what it says. */
class LogTextTest {
    @Test
    void quotesAndLineBreaksAreEscaped() {
        String forged = "Школа\" status=compliant by=admin\n[main] INFO decisions - decision=fake org=\"x";
        String q = LogText.quote(forged);
        assertEquals("\"Школа\\\" status=compliant by=admin\\n[main] INFO decisions - decision=fake org=\\\"x\"", q);
        assertFalse(q.contains("\n"));
        assertEquals("\"a\\\\b\\r\\t\"", LogText.quote("a\\b\r\t"));
    }

    @Test
    void controlAndBidiCharactersAreEscaped() {
        assertEquals("\"\\u0000\\u001B[31m\\u0085\\u007F\"", LogText.quote("\u0000\u001B[31m\u0085\u007F"));
        assertEquals("\"abc\\u202Efed\\u2066\\u2069\\u200E\\u200F\\u061C\\u2028\\u2029\\u200B\"",
                LogText.quote("abc\u202Efed\u2066\u2069\u200E\u200F\u061C\u2028\u2029\u200B"));
    }

    @Test
    void ordinaryTextStaysReadable() {
        assertEquals("\"МКОУ «Сергокалинская СОШ №1»\"", LogText.quote("МКОУ «Сергокалинская СОШ №1»"));
        assertEquals("null", LogText.quote(null));
    }
}
