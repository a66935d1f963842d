package ru.edu.auditor.law.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ru.edu.auditor.law.RuleProblem;

/**
 * The catalog against what the rules read of it, so that a catalog which loads can never make an audit fail at run
 * time: each parameter a rule reads of a clause ({@code $p.integer("requiredPercent")} on a {@code ClauseParameters}
 * bound to that clause, or to the reading the clause names) is in the clause's catalog entry, and each parameter of
 * the catalog is read by a rule of its clause (a misspelt name is neither: «requiredPercnt» — may be «requiredPercent»?).
 * A decree's own DRL ({@code decrees/<id>.drl}) speaks only for that decree: its {@code @decree} and
 * {@code ClauseParameters(decree == …)} name it, and {@code ClauseParameters(clause == …)} a clause it has.
 * Used by every load of the rules — {@code validate}, reload, impact — so what validate refuses is never loaded.
 */
public final class RuleParameterCheck {
    private RuleParameterCheck() { }

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]*)\"");
    private static final Pattern RULE_END = Pattern.compile("(?m)^\\s*end\\b");
    private static final Pattern FUNCTION = Pattern.compile("(?m)^\\s*function\\s+[\\w.<>\\[\\], ]+?\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*\\{");
    private static final Pattern BINDING = Pattern.compile("(\\$\\w+)\\s*:\\s*ClauseParameters\\s*\\(([^)]*)\\)");
    private static final Pattern ANY_PATTERN = Pattern.compile("\\bClauseParameters\\s*\\(([^)]*)\\)");
    private static final Pattern FUNCTION_PARAMETER = Pattern.compile("ClauseParameters\\s+(\\w+)");
    private static final Pattern DECREE_TAG = Pattern.compile("@decree\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final String ACCESSORS = "(integer|flag|text|list|has)";

    /** A parameter name read of a clause, where, and whether it may be absent (read after {@code has}). */
    private record Read(String name, boolean optional, String file, int line) { }

    public static List<RuleProblem> check(Path rulesDir, Catalog catalog) throws IOException {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, List<Read>> readsOf = new LinkedHashMap<>(); // "decree|clause" → reads
        List<Path> files;
        try (Stream<Path> s = Files.walk(rulesDir)) {
            files = s.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path f : files) {
            String rel = rulesDir.relativize(f).toString().replace('\\', '/');
            String ownDecree = rel.startsWith("decrees/") ? f.getFileName().toString().replaceFirst("\\.drl$", "") : null;
            String text = withoutComments(Files.readString(f));
            if (ownDecree != null) checkOwnDecree(rel, text, ownDecree, catalog, problems);
            Map<String, String> functions = functions(text);
            Matcher r = RULE.matcher(text);
            while (r.find()) {
                Matcher end = RULE_END.matcher(text);
                int to = end.find(r.end()) ? end.end() : text.length();
                String body = text.substring(r.start(), to);
                Matcher b = BINDING.matcher(body);
                while (b.find()) {
                    String var = b.group(1);
                    List<String> clauses = clausesOf(b.group(2), catalog);
                    if (clauses.isEmpty()) continue;
                    List<Read> reads = new ArrayList<>(reads(body, Pattern.quote(var), rel, text, r.start()));
                    functions.forEach((name, fn) -> {
                        if (Pattern.compile("\\b" + name + "\\s*\\([^;]*" + Pattern.quote(var) + "\\b").matcher(body).find()) {
                            Matcher fp = FUNCTION_PARAMETER.matcher(fn.substring(0, fn.indexOf('{')));
                            while (fp.find()) reads.addAll(reads(fn, "\\b" + fp.group(1), rel, text, text.indexOf(fn)));
                        }
                    });
                    for (String c : clauses) readsOf.computeIfAbsent(c, k -> new ArrayList<>()).addAll(reads);
                }
            }
        }
        for (Decree d : catalog.decrees()) {
            for (Clause c : d.clauses()) {
                List<Read> reads = readsOf.getOrDefault(d.id() + "|" + c.id(), List.of());
                Set<String> has = c.parameters().keySet();
                String pointer = catalog.clausePointer(d.id(), c.id());
                Set<String> reported = new TreeSet<>();
                for (Read read : reads) {
                    if (read.optional() || has.contains(read.name()) || !reported.add(read.name())) continue;
                    problems.add(new RuleProblem(catalog.file(d.id()), catalog.line(d.id(), pointer + (has.isEmpty() ? "" : "/parameters")), 0,
                            "п. " + c.id() + ": правило (" + read.file() + ":" + read.line() + ") читает параметр «" + read.name()
                                    + "», которого у пункта нет" + typo(read.name(), has, "в каталоге написано")
                                    + " — проверка этого пункта падала бы на каждой организации"));
                }
                if (reads.isEmpty()) continue; // the clause's rules read nothing of the catalog: nothing to compare with
                Set<String> read = new LinkedHashSet<>();
                reads.forEach(x -> read.add(x.name()));
                for (String name : has) {
                    if (read.contains(name)) continue;
                    problems.add(new RuleProblem(catalog.file(d.id()), catalog.line(d.id(), pointer + "/parameters/" + name), 0,
                            "п. " + c.id() + ": параметр «" + name + "» не читает ни одно правило этого пункта" + typo(name, read, "правило читает")
                                    + "; правила пункта читают: " + String.join(", ", read)));
                }
            }
        }
        return problems;
    }

    /** « (в каталоге написано «requiredPercnt» — опечатка?)» for a name one or two letters off, else empty. */
    private static String typo(String name, Set<String> near, String what) {
        String s = CatalogResolver.suggestion(name, near);
        return s.isEmpty() ? "" : " (" + what + s.substring(" — может быть,".length()).replace("?", "") + " — опечатка?)";
    }

    /** The clauses («decree|clause») a {@code ClauseParameters(…)} pattern matches: one clause, or every clause of a reading. */
    private static List<String> clausesOf(String constraints, Catalog catalog) {
        String decree = value(constraints, "decree");
        String clause = value(constraints, "clause");
        String reading = value(constraints, "reading");
        List<String> out = new ArrayList<>();
        if (decree != null && clause != null) out.add(decree + "|" + clause);
        else if (reading != null) {
            for (Decree d : catalog.decrees()) for (Clause c : d.clauses()) if (reading.equals(c.reading())) out.add(d.id() + "|" + c.id());
        }
        return out;
    }

    private static String value(String constraints, String field) {
        Matcher m = Pattern.compile("\\b" + field + "\\s*==\\s*\"([^\"]*)\"").matcher(constraints);
        return m.find() ? m.group(1) : null;
    }

    /** The names {@code var} reads in {@code block} (which starts at {@code offset} of {@code text}, for line numbers). */
    private static List<Read> reads(String block, String var, String file, String text, int offset) {
        List<Read> out = new ArrayList<>();
        Set<String> guarded = new LinkedHashSet<>();
        Matcher g = Pattern.compile(var + "(?:\\.on\\([^)]*\\))?\\.has\\(\\s*\"(\\w+)\"\\s*\\)").matcher(block);
        while (g.find()) guarded.add(g.group(1));
        Matcher m = Pattern.compile(var + "(?:\\.on\\([^)]*\\))?\\." + ACCESSORS + "\\(\\s*\"(\\w+)\"\\s*\\)").matcher(block);
        while (m.find()) {
            String name = m.group(2);
            out.add(new Read(name, m.group(1).equals("has") || guarded.contains(name), file, lineAt(text, Math.max(0, offset) + m.start())));
        }
        return out;
    }

    /** A decree's own DRL names only that decree, and only clauses it has. */
    private static void checkOwnDecree(String file, String text, String id, Catalog catalog, List<RuleProblem> problems) {
        Matcher t = DECREE_TAG.matcher(text);
        while (t.find()) {
            if (!t.group(1).equals(id)) {
                problems.add(new RuleProblem(file, lineAt(text, t.start()), 0, "@decree(\"" + t.group(1) + "\") в файле решения " + id
                        + ": правила этого файла говорят только за своё решение — @decree(\"" + id + "\")"));
            }
        }
        Decree own = catalog.decree(id).orElse(null);
        {
            Matcher b = ANY_PATTERN.matcher(text);
            while (b.find()) {
                String constraints = b.group(1);
                String decree = value(constraints, "decree");
                String clause = value(constraints, "clause");
                if (decree != null && !decree.equals(id)) {
                    problems.add(new RuleProblem(file, lineAt(text, b.start()), 0, "ClauseParameters(decree == \"" + decree + "\") в файле решения "
                            + id + ": правило читает значения другого решения — ожидается decree == \"" + id + "\""));
                } else if (decree != null && clause != null && own != null && own.clause(clause).isEmpty()) {
                    problems.add(new RuleProblem(file, lineAt(text, b.start()), 0, "ClauseParameters(clause == \"" + clause + "\"): в решении "
                            + id + " нет пункта " + clause + " — правило никогда не сработает"));
                }
            }
        }
    }

    /** Each {@code function} of the file by name, its text from the signature to the closing brace. */
    private static Map<String, String> functions(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FUNCTION.matcher(text);
        while (m.find()) {
            int depth = 0;
            int i = m.end() - 1;
            for (; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '{') depth++;
                else if (ch == '}' && --depth == 0) break;
            }
            out.put(m.group(1), text.substring(m.start(), Math.min(text.length(), i + 1)));
        }
        return out;
    }

    /** The DRL with its comments blanked (line breaks and offsets kept), strings left as they are. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s);
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (inString) {
                if (ch == '\\') i++;
                else if (ch == '"') inString = false;
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') out.setCharAt(i++, ' ');
            } else if (ch == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                while (i < s.length() && !(s.charAt(i) == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/')) {
                    if (s.charAt(i) != '\n') out.setCharAt(i, ' ');
                    i++;
                }
                if (i + 1 < s.length()) { out.setCharAt(i, ' '); out.setCharAt(i + 1, ' '); i++; }
            } else if (ch == '\n') {
                inString = false;
            }
        }
        return out.toString();
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
