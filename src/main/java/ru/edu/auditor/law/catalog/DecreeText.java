package ru.edu.auditor.law.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ru.edu.auditor.law.RuleProblem;

/**
 * The original text of a decree ({@code sourceFile}, beside its catalog), against which every clause text of the
 * catalog is checked: a clause text must occur in the decree's text verbatim. Normalised is only what is layout,
 * not wording: runs of white space (line and page breaks included) become one space; list markers at the start of a
 * line («- », «–», «1)», «2.1.») and Markdown emphasis «**» are dropped. Everything else — letters, punctuation,
 * quotes, even the decree's own typos — must match exactly.
 */
public final class DecreeText {
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^[ \\t]*(?:[-–—•][ \\t]*|\\d+(?:\\.\\d+)*[.)][ \\t]+)");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private DecreeText() { }

    public static String normalize(String s) {
        if (s == null) return "";
        String t = LIST_MARKER.matcher(s.replace("\r", "").replace('\u00a0', ' ')).replaceAll("");
        return SPACE.matcher(t.replace("**", "")).replaceAll(" ").strip();
    }

    /** The decree's original text ({@code sourceFile} beside {@code catalogFile}), normalised; null when it has none or it does not read. */
    static String original(Path catalogFile, Decree d) {
        if (d.sourceFile() == null) return null;
        try {
            return normalize(Files.readString(catalogFile.resolveSibling(d.sourceFile())));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Every clause whose text the decree's text does not contain, located at the clause's {@code text} line, with
     * where the two part. A catalog with {@code sourceFile: null} (a teaching example without an original) is not checked.
     */
    static List<RuleProblem> check(String file, Path catalogFile, Decree d, YamlLocations at) {
        List<RuleProblem> out = new ArrayList<>();
        if (d.sourceFile() == null) return out;
        Path source = catalogFile.resolveSibling(d.sourceFile());
        String original;
        try {
            original = normalize(Files.readString(source));
        } catch (IOException e) {
            out.add(new RuleProblem(file, at.line("/sourceFile"), 0, "нет файла с текстом решения «" + d.sourceFile()
                    + "» рядом с каталогом: пункты не с чем сверить"));
            return out;
        }
        for (int i = 0; i < d.clauses().size(); i++) {
            Clause c = d.clauses().get(i);
            String text = normalize(c.text());
            if (text.isEmpty() || original.contains(text)) continue;
            out.add(new RuleProblem(file, at.line("/clauses/" + i + "/text"), 0, "п. " + c.id() + ": текста пункта нет дословно в «"
                    + d.sourceFile() + "» (сверка без учёта пробелов, переносов и маркеров списка). " + whereTheyPart(text, original)));
        }
        return out;
    }

    /** «Совпадает до «…последние слова»; дальше в каталоге «…», в тексте решения «…».» — the longest prefix found verbatim. */
    static String whereTheyPart(String text, String original) {
        int lo = 0, hi = text.length(); // the longest prefix contained: contains() is monotone in the prefix length
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (original.contains(text.substring(0, mid))) lo = mid; else hi = mid - 1;
        }
        if (lo < 8) return "Не совпадает уже начало: «" + cut(text, 0, 40) + "».";
        String prefix = text.substring(0, lo);
        int at = original.indexOf(prefix) + lo;
        return "Совпадает до «…" + text.substring(Math.max(0, lo - 30), lo) + "»; дальше в каталоге «" + cut(text, lo, 30)
                + "», в тексте решения «" + cut(original, at, 30) + "».";
    }

    private static String cut(String s, int from, int n) {
        return s.substring(from, Math.min(s.length(), from + n)) + (from + n < s.length() ? "…" : "");
    }
}
