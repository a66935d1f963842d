package ru.edu.auditor.ruleapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule file (DRL) may name: the one list of the rule-author interface, kept compatible across releases.
 * <ul>
 *   <li>{@code ru.edu.auditor.ruleapi} — this package: {@link Verdicts} (the global {@code out}), {@link Judgement},
 *       {@link Verdict}, the catalog facts {@link ClauseParameters}, {@link DecreeInForce}, {@link DueDates}, the
 *       shared computations ({@link Checks}, {@link GroupShares}, {@link NamedAppointeeChecks}, {@link ReportSchedule})
 *       and Russian formatting ({@link Fmt}, {@link Plural});</li>
 *   <li>{@code ru.edu.auditor.facts} — the facts model (what a school or authority reports);</li>
 *   <li>JDK value types: {@code java.lang}, {@code java.util} (with {@code function}, {@code stream}), {@code java.time}
 *       (with {@code temporal}, {@code format}), {@code java.math}.</li>
 * </ul>
 * Imports that earlier releases documented are read as this package ({@link #LEGACY}), so rule files written for them
 * compile unchanged: before the package move the guide said {@code ru.edu.auditor.engine.*} (Fmt, Verdicts, Checks, …
 * were there), after it {@code law.*}, {@code law.checks.*}, {@code law.deadlines.*}, {@code text.*}. A name outside the
 * list is refused with a Russian message naming the file and line.
 */
public final class RuleInterface {
    private RuleInterface() { }

    public static final String PACKAGE = "ru.edu.auditor.ruleapi";
    public static final String FACTS = "ru.edu.auditor.facts";

    /** The packages a rule may name (its own classes and those below in the same package only). */
    public static final List<String> PACKAGES = List.of(PACKAGE, FACTS,
            "java.lang", "java.util", "java.util.function", "java.util.stream", "java.time", "java.time.temporal", "java.time.format", "java.math");

    /** Imports earlier releases documented → what they mean now (a package with {@code .*}, a class by its name). */
    public static final Map<String, String> LEGACY = Map.of(
            "ru.edu.auditor.engine", PACKAGE,
            "ru.edu.auditor.law", PACKAGE,
            "ru.edu.auditor.law.checks", PACKAGE,
            "ru.edu.auditor.law.deadlines", PACKAGE,
            "ru.edu.auditor.text", PACKAGE);

    /**
     * What an earlier release's name of a class means now: {@code ru.edu.auditor.engine.Fmt} → {@code ru.edu.auditor.ruleapi.Fmt}
     * (the package is in {@link #LEGACY} and this package has the class), else null — a name of such a package that the
     * interface does not have ({@code ru.edu.auditor.engine.RuleSet}) is outside it, not an old spelling.
     */
    public static String legacyName(String qualified) {
        String pkg = packageOf(qualified);
        String target = LEGACY.get(pkg);
        if (target == null) return null;
        String now = target + qualified.substring(pkg.length());
        try {
            Class.forName(now, false, RuleInterface.class.getClassLoader());
            return now;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Classes that moved out of the facts model into this package (facts «knows no law»): their old names still work. */
    private static final Set<String> MOVED_FROM_FACTS = Set.of("ClauseParameters", "DecreeInForce");

    /** A DRL file as the compiler gets it: legacy imports read as the interface, and every name outside it. */
    public record Resolved(String text, List<Problem> problems) { }

    /** A name outside the interface: 1-based line and column, Russian message. */
    public record Problem(int line, int column, String message) { }

    private static final Pattern IMPORT = Pattern.compile("(?m)^([ \\t]*import[ \\t]+)(function[ \\t]+|accumulate[ \\t]+|static[ \\t]+)?(\\w+(?:\\.\\w+)*)(\\.\\*)?");
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:ru\\.edu\\.auditor|java|javax|jdk|sun|com|org)(?:\\.[a-z_][\\w]*)+)\\.([A-Z]\\w*)");

    /** The text with legacy imports rewritten (same lines, so Drools' line numbers stay right) and the problems found. */
    public static Resolved resolve(String drl) {
        String code = blankCommentsAndStrings(drl);
        List<Problem> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher m = IMPORT.matcher(code);
        int last = 0;
        while (m.find()) {
            String kind = m.group(2) == null ? "" : m.group(2).trim();
            String name = m.group(3);
            boolean wildcard = m.group(4) != null;
            boolean member = kind.equals("function") || kind.equals("static");
            String pkg = wildcard && !member ? name : member && !wildcard ? packageOf(packageOf(name)) : packageOf(name);
            String simple = name.substring(name.lastIndexOf('.') + 1);
            if (kind.equals("accumulate")) {
                // an accumulate function is code the engine runs: only the interface may provide one
                if (!PACKAGES.contains(packageOf(name))) problems.add(outside(drl, m.start(3), name));
                continue;
            }
            String replacement = null;
            if (LEGACY.containsKey(pkg) && (wildcard || member)) {
                replacement = LEGACY.get(pkg) + name.substring(pkg.length());
            } else if (LEGACY.containsKey(pkg)) {
                replacement = legacyName(name);
                if (replacement == null) {
                    problems.add(outside(drl, m.start(3), name));
                    continue;
                }
            } else if (FACTS.equals(pkg) && !wildcard && kind.isEmpty() && MOVED_FROM_FACTS.contains(simple)) {
                replacement = PACKAGE + "." + simple;
            } else if (!PACKAGES.contains(pkg)) {
                problems.add(outside(drl, m.start(3), name + (wildcard ? ".*" : "")));
                continue;
            }
            if (replacement != null) {
                out.append(drl, last, m.start(3)).append(replacement);
                last = m.end(3);
            }
        }
        out.append(drl.substring(last));
        // fully qualified names in the code itself (ru.edu.auditor.service.X, java.io.File, …); an earlier release's name
        // of an interface class is read as the interface's, like its import
        String imported = out.toString();
        String importedCode = blankCommentsAndStrings(imported);
        StringBuilder rewritten = new StringBuilder();
        int done = 0;
        Matcher q = QUALIFIED.matcher(importedCode);
        while (q.find()) {
            if (lineStartsWithImport(importedCode, q.start())) continue;
            String pkg = q.group(1);
            if (PACKAGES.contains(pkg)) continue;
            String now = LEGACY.containsKey(pkg) ? legacyName(pkg + "." + q.group(2)) : null;
            if (now != null) {
                rewritten.append(imported, done, q.start()).append(now);
                done = q.end();
                continue;
            }
            problems.add(outside(imported, q.start(), pkg + "." + q.group(2)));
        }
        rewritten.append(imported.substring(done));
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return new Resolved(rewritten.toString(), problems);
    }

    private static Problem outside(String text, int offset, String name) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') { line++; lineStart = i + 1; }
        }
        return new Problem(line, offset - lineStart + 1, "«" + name + "» — вне интерфейса правил. Правило может называть только пакет "
                + PACKAGE + " (Verdicts, Judgement, Verdict, Checks, GroupShares, Fmt, Plural, ClauseParameters, …), модель фактов "
                + FACTS + " и значения JDK (java.util, java.time, java.math); см. rules/README.md, раздел «Интерфейс правил».");
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    private static boolean lineStartsWithImport(String code, int offset) {
        int start = code.lastIndexOf('\n', offset - 1) + 1;
        return code.substring(start, offset).stripLeading().startsWith("import");
    }

    /** The text with comments and string/char literals replaced by spaces (newlines kept), so only code is searched. */
    static String blankCommentsAndStrings(String s) {
        StringBuilder b = new StringBuilder(s);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') b.setCharAt(i++, ' ');
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) if (s.charAt(i) != '\n') b.setCharAt(i, ' ');
            } else if (c == '"' || c == '\'') {
                b.setCharAt(i++, ' ');
                while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < n) b.setCharAt(i++, ' ');
                    b.setCharAt(i++, ' ');
                }
                if (i < n && s.charAt(i) == c) b.setCharAt(i++, ' ');
            } else {
                i++;
            }
        }
        return b.toString();
    }
}
