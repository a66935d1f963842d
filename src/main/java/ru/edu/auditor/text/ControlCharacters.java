package ru.edu.auditor.text;

import java.util.Locale;

/**
 * Control characters in what a request carries (NUL, which PostgreSQL text cannot hold and file paths refuse; ESC;
 * DEL; the C1 controls): found here once, so that every front end refuses the same characters and answers in its own
 * way (problem+json on the API, an error page in the workspace).
 */
public final class ControlCharacters {
    private ControlCharacters() { }

    /** The first control character of a text: the character, its 1-based position and its Russian name. */
    public record Found(char character, int position, String name) {
        /** «нулевой символ NUL U+0000». */
        public String described() { return name + String.format(" U+%04X", (int) character); }
    }

    /**
     * The first control character in {@code s}, or null. {@code multiline}: line breaks and tabs allowed (a field of a
     * form may hold a table pasted into a text area); a query parameter is one line, so they are refused there.
     */
    public static Found find(String s, boolean multiline) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) != Character.CONTROL) continue;
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
            String name = c == 0 ? "нулевой символ NUL" : c == 0x1B ? "символ ESC" : c == '\n' || c == '\r' ? "перевод строки"
                    : c == '\t' ? "табуляция" : "символ";
            return new Found(c, i + 1, name);
        }
        return null;
    }

    /** A percent-encoded C0 control, DEL or C1 control (%00–%1F, %7F, %C2%80–%C2%9F) in a raw request path. */
    public static boolean encodedInPath(String raw) {
        String s = raw.toUpperCase(Locale.ROOT);
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < s.length(); i = s.indexOf('%', i + 1)) {
            int b = Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16);
            if (b >= 0 && (b < 0x20 || b == 0x7F)) return true;
            if (b == 0xC2 && i + 5 < s.length() && s.charAt(i + 3) == '%') {
                int n = Character.digit(s.charAt(i + 4), 16) * 16 + Character.digit(s.charAt(i + 5), 16);
                if (n >= 0x80 && n <= 0x9F) return true;
            }
        }
        return false;
    }
}
