package ru.edu.auditor.text;

/**
 * A value as a log line may hold it: in double quotes, with every character that could end the line, fake the
 * end of the quoted value or hide what the line says written as an escape. So a submitted value (an organization
 * name, a request path, a JSON key) can never start a new log line or make one read differently on a terminal:
 * <ul>
 * <li>{@code "} and {@code \} → {@code \"} and {@code \\};</li>
 * <li>CR, LF, TAB → {@code \r}, {@code \n}, {@code \t};</li>
 * <li>other control characters (C0 including NUL and ESC, DEL, C1) → {@code \}{@code uXXXX};</li>
 * <li>characters that reorder or hide text — bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 *     U+202A–U+202E, U+2066–U+2069), line and paragraph separators (U+2028, U+2029), zero-width and other format
 *     characters — → {@code \}{@code uXXXX}.</li>
 * </ul>
 * Everything else, Cyrillic included, is kept as it is, so the log stays readable.
 */
public final class LogText {
    private LogText() { }

    /** {@code value} quoted and escaped; {@code null} as the bare word null. */
    public static String quote(Object value) {
        if (value == null) return "null";
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (unsafe(c)) b.append(String.format("\\u%04X", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** True for a character a log line must not hold as it is. */
    static boolean unsafe(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || c == '\u061C' || (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
