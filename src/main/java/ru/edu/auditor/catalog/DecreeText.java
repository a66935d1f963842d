package ru.edu.auditor.catalog;

import java.util.regex.Pattern;

/**
 * The original text of a decree, compared with the catalog's verbatim clause texts. Normalising only what is
 * layout, not wording: runs of white space (line and page breaks included) become one space, list markers at
 * the start of a line («- », «– », «1)», «2.1.») and Markdown emphasis «**» are dropped. Everything else — letters,
 * punctuation, quotes, even the decree's own typos — must match exactly.
 */
public final class DecreeText {
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^[ \\t]*(?:[-–—•]|\\d+(?:\\.\\d+)*[.)])[ \\t]+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private DecreeText() { }

    public static String normalize(String s) {
        if (s == null) return "";
        String t = LIST_MARKER.matcher(s.replace("\r", "").replace("\u00a0", " ")).replaceAll("");
        return SPACE.matcher(t.replace("**", "")).replaceAll(" ").strip();
    }
}
