package ru.edu.auditor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.engine.RulesFiles;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.Parameter;

/**
 * What changed between two versions of the rules, before any audit runs: decrees, clauses and parameters of the
 * catalogs (field by field), DRL rules and functions by name (their text without comments), and the other files.
 */
public final class RulesDiff {
    private RulesDiff() { }

    public enum Change { added, removed, changed }

    public record ParameterChange(String name, Change change, Object oldValue, Object newValue) { }

    public record ClauseChange(String clause, Change change, List<String> fields, List<ParameterChange> parameters) { }

    public record DecreeChange(String decree, Change change, List<String> fields, List<ClauseChange> clauses) { }

    public record RuleChange(String file, String rule, Change change) { }

    public record FileChange(String path, Change change) { }

    /** The whole difference; {@code catalogProblems}: a side whose catalog does not load (then its decrees are not compared). */
    public record Result(String oldVersion, String newVersion, List<DecreeChange> decrees, List<RuleChange> rules, List<FileChange> files,
                         List<String> catalogProblems) {
        public boolean same() { return oldVersion.equals(newVersion); }
    }

    public static Result of(RulesFiles before, RulesFiles after) throws IOException {
        List<String> problems = new ArrayList<>();
        Catalog a = catalog(before, "старая", problems);
        Catalog b = catalog(after, "новая", problems);
        List<DecreeChange> decrees = a == null || b == null ? List.of() : decrees(a, b);
        return new Result(before.version(), after.version(), decrees, rules(before, after), files(before, after), problems);
    }

    private static Catalog catalog(RulesFiles files, String side, List<String> problems) throws IOException {
        Path dir = Files.createTempDirectory("auditor-diff-");
        try {
            files.writeTo(dir);
            Catalog.Loaded loaded = Catalog.load(dir);
            if (loaded.catalog() == null || !loaded.problems().isEmpty()) {
                problems.add(side + " версия " + files.version() + ": каталог с ошибками (" + loaded.problems().size() + "), решения сравниваются "
                        + (loaded.catalog() == null ? "не будут" : "как есть"));
            }
            return loaded.catalog();
        } finally {
            RulesFiles.deleteTree(dir);
        }
    }

    private static List<DecreeChange> decrees(Catalog a, Catalog b) {
        List<DecreeChange> out = new ArrayList<>();
        Map<String, Decree> before = new LinkedHashMap<>();
        a.decrees().forEach(d -> before.put(d.id(), d));
        Map<String, Decree> after = new LinkedHashMap<>();
        b.decrees().forEach(d -> after.put(d.id(), d));
        for (String id : union(before.keySet(), after.keySet())) {
            Decree x = before.get(id);
            Decree y = after.get(id);
            if (x == null || y == null) {
                out.add(new DecreeChange(id, x == null ? Change.added : Change.removed, List.of(), List.of()));
                continue;
            }
            List<String> fields = fields(Json.mapper().valueToTree(x), Json.mapper().valueToTree(y), Set.of("clauses"));
            List<ClauseChange> clauses = clauses(x, y);
            if (!fields.isEmpty() || !clauses.isEmpty()) out.add(new DecreeChange(id, Change.changed, fields, clauses));
        }
        return out;
    }

    private static List<ClauseChange> clauses(Decree x, Decree y) {
        List<ClauseChange> out = new ArrayList<>();
        Map<String, Clause> before = new LinkedHashMap<>();
        x.clauses().forEach(c -> before.put(c.id(), c));
        Map<String, Clause> after = new LinkedHashMap<>();
        y.clauses().forEach(c -> after.put(c.id(), c));
        for (String id : union(before.keySet(), after.keySet())) {
            Clause c = before.get(id);
            Clause d = after.get(id);
            if (c == null || d == null) {
                out.add(new ClauseChange(id, c == null ? Change.added : Change.removed, List.of(), List.of()));
                continue;
            }
            List<String> fields = fields(Json.mapper().valueToTree(c), Json.mapper().valueToTree(d), Set.of("parameters"));
            List<ParameterChange> params = new ArrayList<>();
            for (String p : union(c.parameters().keySet(), d.parameters().keySet())) {
                Parameter pa = c.parameters().get(p);
                Parameter pb = d.parameters().get(p);
                if (pa == null || pb == null) {
                    params.add(new ParameterChange(p, pa == null ? Change.added : Change.removed, pa == null ? null : pa.value(), pb == null ? null : pb.value()));
                } else if (!Json.mapper().valueToTree(pa).equals(Json.mapper().valueToTree(pb))) {
                    params.add(new ParameterChange(p, Change.changed, pa.value(), pb.value()));
                }
            }
            if (!fields.isEmpty() || !params.isEmpty()) out.add(new ClauseChange(id, Change.changed, fields, params));
        }
        return out;
    }

    /** Russian names of the catalog's fields of a decree and of a clause, for what a person reads (the keys stay in JSON). */
    private static final Map<String, String> FIELD_LABELS = Map.ofEntries(
            Map.entry("id", "идентификатор"),
            Map.entry("sourceFile", "файл текста решения"),
            Map.entry("kind", "вид"),
            Map.entry("number", "номер"),
            Map.entry("date", "дата"),
            Map.entry("issuer", "кем принято"),
            Map.entry("title", "название"),
            Map.entry("citation", "форма ссылки"),
            Map.entry("scope", "сфера действия"),
            Map.entry("effective", "вступление в силу и срок действия"),
            Map.entry("baseline", "исходные значения преамбулы"),
            Map.entry("deadlineOnDayOff", "срок в нерабочий день"),
            Map.entry("deadlineOnDayOffBasis", "основание прочтения срока в нерабочий день"),
            Map.entry("amends", "изменения других актов"),
            Map.entry("addressee", "кому адресован"),
            Map.entry("orgKinds", "виды организаций"),
            Map.entry("deadline", "срок"),
            Map.entry("deadlineNote", "пояснение к сроку"),
            Map.entry("deadlineFrom", "срок из другого пункта"),
            Map.entry("deadlineAppliesTo", "подпункты, на которые распространяется срок"),
            Map.entry("text", "текст пункта"),
            Map.entry("reading", "общее прочтение"),
            Map.entry("parameters", "значения (параметры)"),
            Map.entry("inForceUntil", "последний день действия"),
            Map.entry("repealedBy", "отменён актом"),
            Map.entry("versions", "редакции"),
            Map.entry("judges", "что судит пункт"));

    /** The Russian name of a changed catalog field ({@link DecreeChange#fields}, {@link ClauseChange#fields}). */
    public static String fieldLabel(String key) { return FIELD_LABELS.getOrDefault(key, "другое поле каталога"); }

    /** Names of the fields whose values differ, except {@code skip}. */
    private static List<String> fields(JsonNode a, JsonNode b, Set<String> skip) {
        List<String> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            if (skip.contains(n)) continue;
            JsonNode x = a.get(n);
            JsonNode y = b.get(n);
            boolean emptyX = x == null || x.isNull();
            boolean emptyY = y == null || y.isNull();
            if (emptyX && emptyY) continue;
            if (emptyX || emptyY || !x.equals(y)) out.add(n);
        }
        return out;
    }

    /** A rule or function starts a block; the block runs to the next start. */
    private static final Pattern START = Pattern.compile("(?m)^[ \\t]*(?:rule[ \\t]+\"([^\"]+)\"|rule[ \\t]+(\\S+)|function[ \\t]+[^(\\n]*?(\\w+)[ \\t]*\\()");

    private static List<RuleChange> rules(RulesFiles before, RulesFiles after) {
        List<RuleChange> out = new ArrayList<>();
        for (String file : union(drl(before), drl(after))) {
            Map<String, String> x = blocks(before.text(file));
            Map<String, String> y = blocks(after.text(file));
            for (String name : union(x.keySet(), y.keySet())) {
                String a = x.get(name);
                String b = y.get(name);
                if (a == null) out.add(new RuleChange(file, name, Change.added));
                else if (b == null) out.add(new RuleChange(file, name, Change.removed));
                else if (!a.equals(b)) out.add(new RuleChange(file, name, Change.changed));
            }
        }
        return out;
    }

    private static Set<String> drl(RulesFiles f) {
        Set<String> s = new TreeSet<>();
        for (String p : f.files().keySet()) if (p.endsWith(".drl")) s.add(p);
        return s;
    }

    /** "rule «name»" / "function name" → its text without comment lines and trailing spaces. */
    static Map<String, String> blocks(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) return out;
        Matcher m = START.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start()});
            names.add(m.group(1) != null ? "rule «" + m.group(1) + "»" : m.group(2) != null ? "rule «" + m.group(2) + "»" : "function " + m.group(3));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            out.put(names.get(i), normalize(text.substring(starts.get(i)[0], end)));
        }
        return out;
    }

    private static String normalize(String block) {
        StringBuilder b = new StringBuilder();
        for (Iterator<String> it = block.lines().iterator(); it.hasNext(); ) {
            String line = it.next();
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("//")) continue;
            b.append(line.stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static List<FileChange> files(RulesFiles before, RulesFiles after) {
        List<FileChange> out = new ArrayList<>();
        for (String p : union(before.files().keySet(), after.files().keySet())) {
            byte[] a = before.files().get(p);
            byte[] b = after.files().get(p);
            if (a == null) out.add(new FileChange(p, Change.added));
            else if (b == null) out.add(new FileChange(p, Change.removed));
            else if (!new String(a, StandardCharsets.UTF_8).equals(new String(b, StandardCharsets.UTF_8))) out.add(new FileChange(p, Change.changed));
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }
}
