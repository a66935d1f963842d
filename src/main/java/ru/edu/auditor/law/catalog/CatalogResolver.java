package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.text.Fmt;

/**
 * Makes each legal value of a catalog written once: a subclause takes its heading's deadline and note (the
 * heading's {@code deadlineAppliesTo} may name the subclauses it covers), and a parameter with {@code from}
 * takes the value of the same-named parameter of that clause. Also refuses a value written twice (a subclause
 * repeating its heading's deadline) and a parameter quote the clause's text does not contain.
 */
final class CatalogResolver {
    private CatalogResolver() { }

    static Decree resolve(String file, Decree d, YamlLocations at, List<RuleProblem> problems) {
        List<Clause> clauses = d.clauses();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < clauses.size(); i++) index.putIfAbsent(clauses.get(i).id(), i);
        List<Clause> out = new ArrayList<>(clauses);

        for (int i = 0; i < clauses.size(); i++) {
            Clause h = clauses.get(i);
            if (h.kind() != ClauseKind.heading) {
                if (!h.deadlineAppliesTo().isEmpty()) {
                    problems.add(problem(file, at, i, "deadlineAppliesTo", "п. " + h.id() + ": deadlineAppliesTo бывает только у заголовка (kind: heading)"));
                }
                continue;
            }
            if (h.deadline() == null) continue;
            List<String> covered = new ArrayList<>();
            for (String sub : h.deadlineAppliesTo()) {
                Integer j = index.get(sub);
                if (j == null || !h.id().equals(clauses.get(j).parentId())) {
                    problems.add(problem(file, at, i, "deadlineAppliesTo", "п. " + h.id() + ": в deadlineAppliesTo назван «" + sub
                            + "», но такого подпункта у п. " + h.id() + " нет"));
                } else {
                    covered.add(sub);
                }
            }
            if (h.deadlineAppliesTo().isEmpty()) {
                for (Clause c : clauses) if (h.id().equals(c.parentId())) covered.add(c.id());
            }
            for (String sub : covered) {
                int j = index.get(sub);
                Clause c = clauses.get(j);
                if (c.deadline() == null) {
                    out.set(j, out.get(j).withDeadline(h.deadline(), h.deadlineNote()));
                } else if (c.deadline().equals(h.deadline())) {
                    problems.add(problem(file, at, j, "deadline", "п. " + c.id() + ": срок повторяет срок заголовка п. " + h.id()
                            + " — удалите его (и deadlineNote): подпункт получает срок и пояснение заголовка"));
                }
            }
        }

        for (int i = 0; i < out.size(); i++) {
            Clause c = out.get(i);
            if (c.deadlineFrom() != null && (c.deadlineFrom().decree() == null || c.deadlineFrom().decree().equals(d.id()))) {
                Integer j = index.get(c.deadlineFrom().clause());
                LocalDate there = j == null ? null : out.get(j).deadline();
                if (there == null) {
                    problems.add(problem(file, at, i, "deadlineFrom", "п. " + c.id() + ": срок берётся из п. " + c.deadlineFrom().clause()
                            + " (deadlineFrom), но " + (j == null ? "такого пункта в решении нет" : "у него нет срока")));
                } else {
                    out.set(i, c.withDeadline(there, c.deadlineNote()));
                    c = out.get(i);
                }
            }
            if (c.reading() != null && !c.isObligation()) {
                problems.add(problem(file, at, i, "reading", "п. " + c.id() + ": прочтение (reading) указывают только у обязанности (kind: obligation)"));
            }
            if (c.parameters().isEmpty()) continue;
            Map<String, Parameter> resolved = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : c.parameters().entrySet()) {
                String name = e.getKey();
                Parameter p = e.getValue();
                String field = "parameters/" + name;
                Clause source = c;
                if (p.fromOtherDecree(d.id())) { // resolved with the other decree, once every decree is loaded
                    resolved.put(name, p);
                    continue;
                }
                if (p.from() != null) {
                    Integer j = index.get(p.from());
                    Parameter there = j == null ? null : clauses.get(j).parameters().get(name);
                    if (j == null) {
                        problems.add(problem(file, at, i, field, "п. " + c.id() + ", параметр " + name + ": пункта «" + p.from() + "» (from) в решении нет"));
                    } else if (there == null || there.value() == null) {
                        problems.add(problem(file, at, i, field, "п. " + c.id() + ", параметр " + name + ": у п. " + p.from()
                                + " нет параметра «" + name + "» со значением (value)"));
                    } else {
                        p = p.resolvedTo(there.value());
                        source = clauses.get(j);
                    }
                }
                if (p.quote() != null && !DecreeText.normalize(source.text()).contains(DecreeText.normalize(p.quote()))) {
                    problems.add(problem(file, at, i, field + "/quote", "п. " + c.id() + ", параметр " + name + ": слов «" + p.quote()
                            + "» (quote) нет в тексте п. " + source.id()));
                } else if (valueAbsentFromQuote(p) != null) {
                    problems.add(problem(file, at, i, field + "/value", "п. " + c.id() + ", параметр " + name + ": " + valueAbsentFromQuote(p)));
                }
                resolved.put(name, p);
            }
            out.set(i, c.withParameters(resolved));
        }
        return d.withClauses(out);
    }

    /**
     * Deadlines and parameters taken from a clause of another decree ({@code deadlineFrom.decree}, a parameter's
     * {@code decree}), once every decree is loaded.
     * {@code files}: the catalog file of each decree, for the problems.
     */
    static List<Decree> resolveAcrossDecrees(List<Decree> decrees, Map<String, String> files, List<RuleProblem> problems) {
        List<Decree> out = new ArrayList<>();
        for (Decree d : decrees) {
            List<Clause> clauses = new ArrayList<>(d.clauses());
            for (int i = 0; i < clauses.size(); i++) {
                Clause c = clauses.get(i);
                clauses.set(i, c = parametersFromOtherDecrees(d, c, decrees, files.get(d.id()), problems));
                if (c.deadlineFrom() == null || c.deadlineFrom().decree() == null || c.deadlineFrom().decree().equals(d.id())) continue;
                Clause clause = c;
                Clause source = decrees.stream().filter(x -> x.id().equals(clause.deadlineFrom().decree())).findFirst()
                        .flatMap(x -> x.clause(clause.deadlineFrom().clause())).orElse(null);
                if (source == null || source.deadline() == null) {
                    problems.add(RuleProblem.inFile(files.get(d.id()), "п. " + c.id() + ": срок берётся из " + c.deadlineFrom()
                            + " (deadlineFrom), но " + (source == null ? "такого решения или пункта в каталоге нет" : "у него нет срока")));
                } else {
                    clauses.set(i, c.withDeadline(source.deadline(), c.deadlineNote()));
                }
            }
            out.add(d.withClauses(clauses));
        }
        return out;
    }

    /**
     * Why a parameter's numeric value contradicts its quote (the quote does not contain the number: {@code value: 95}
     * beside «100 %»), or null. Only numbers are checked: a list or a name is read from the quote by the rule author.
     */
    static String valueAbsentFromQuote(Parameter p) {
        if (!(p.value() instanceof Number n) || p.quote() == null) return null;
        String digits = n.doubleValue() == Math.rint(n.doubleValue()) ? String.valueOf(n.longValue()) : n.toString();
        Pattern number = Pattern.compile("(?<![\\d,.])" + digits.replace("-", "\\-")
                .replace(".", "[.,]") + "(?![\\d]|[.,]\\d)");
        if (number.matcher(p.quote()).find()) return null;
        return "значение " + digits + " (value) не названо в цитате «" + p.quote() + "» (quote): цитата должна называть то же число";
    }

    /** « — может быть, «requiredPercent»?» for a name one or two letters off a known one, or an empty string. */
    static String suggestion(String name, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int dist = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (dist < bestDistance) { bestDistance = dist; best = k; }
        }
        return best == null ? "" : " — может быть, «" + best + "»?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    private static final Pattern QUOTED_DEADLINE = Pattern.compile("(?iu)(?<![\\p{L}])до\\s+(\\d{2}\\.\\d{2}\\.\\d{4})(?!\\d)");
    private static final Pattern DATE = Pattern.compile("(?<!\\d)\\d{2}\\.\\d{2}\\.\\d{4}(?!\\d)");

    /**
     * A {@code deadlineNote} that contradicts the clause's {@code deadline}: the note names dates, none of them the
     * deadline («срок «до 21.10.2023»» beside {@code deadline: 2023-10-20}). A note that names no date is not checked.
     */
    static void checkDeadlineNotes(Decree d, String file, YamlLocations at, List<RuleProblem> problems, boolean fromOtherDecrees) {
        for (int i = 0; i < d.clauses().size(); i++) {
            Clause c = d.clauses().get(i);
            if (c.deadline() == null || c.deadlineNote() == null) continue;
            // once per clause: with its own decree, or once every decree is loaded for a deadline taken from another one
            boolean fromOther = c.deadlineFrom() != null && c.deadlineFrom().decree() != null && !c.deadlineFrom().decree().equals(d.id());
            if (fromOther != fromOtherDecrees) continue;
            Clause parent = c.parentId() == null ? null : d.clause(c.parentId()).orElse(null);
            if (parent != null && c.deadlineNote().equals(parent.deadlineNote())) continue; // the heading's note, checked there
            Matcher m = DATE.matcher(c.deadlineNote());
            List<String> named = new ArrayList<>();
            while (m.find()) named.add(m.group());
            String due = Fmt.date(c.deadline());
            // the deadline as the note quotes it («до 21.10.2023») must be the deadline itself
            Matcher quoted = QUOTED_DEADLINE.matcher(c.deadlineNote());
            String wrong = null;
            while (quoted.find()) if (!quoted.group(1).equals(due)) wrong = quoted.group(1);
            if (wrong != null) {
                problems.add(new RuleProblem(file, at.line("/clauses/" + i + "/deadlineNote"), 0, "п. " + c.id() + ": пояснение срока (deadlineNote) называет срок «до "
                        + wrong + "», а срок пункта (deadline" + (c.deadlineFrom() != null ? ", из " + c.deadlineFrom() : "") + ") — " + due + ": исправьте одно из двух"));
                continue;
            }
            if (named.isEmpty() || named.contains(due)) continue;
            problems.add(new RuleProblem(file, at.line("/clauses/" + i + "/deadlineNote"), 0, "п. " + c.id() + ": пояснение срока (deadlineNote) называет "
                    + String.join(", ", named) + ", а срок пункта (deadline" + (c.deadlineFrom() != null ? ", из " + c.deadlineFrom() : "")
                    + ") — " + due + ": исправьте одно из двух"));
        }
    }

    private static Clause parametersFromOtherDecrees(Decree d, Clause c, List<Decree> decrees, String file, List<RuleProblem> problems) {
        if (c.parameters().values().stream().noneMatch(p -> p.fromOtherDecree(d.id()))) return c;
        Map<String, Parameter> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : c.parameters().entrySet()) {
            String name = e.getKey();
            Parameter p = e.getValue();
            if (p.fromOtherDecree(d.id())) {
                Clause source = decrees.stream().filter(x -> x.id().equals(p.decree())).findFirst()
                        .flatMap(x -> x.clause(p.from())).orElse(null);
                Parameter there = source == null ? null : source.parameters().get(name);
                String where = p.decree() + " п. " + p.from();
                if (there == null || there.value() == null) {
                    problems.add(RuleProblem.inFile(file, "п. " + c.id() + ", параметр " + name + ": у " + where
                            + (source == null ? " — такого решения или пункта в каталоге нет" : " нет параметра «" + name + "» со значением (value)")));
                } else {
                    if (p.quote() != null && !DecreeText.normalize(source.text()).contains(DecreeText.normalize(p.quote()))) {
                        problems.add(RuleProblem.inFile(file, "п. " + c.id() + ", параметр " + name + ": слов «" + p.quote() + "» (quote) нет в тексте " + where));
                    }
                    resolved.put(name, p.resolvedTo(there.value()));
                    continue;
                }
            }
            resolved.put(name, p);
        }
        return c.withParameters(resolved);
    }

    private static RuleProblem problem(String file, YamlLocations at, int clause, String field, String message) {
        return new RuleProblem(file, at.line("/clauses/" + clause + "/" + field), 0, message);
    }
}
