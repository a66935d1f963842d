package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.law.RuleProblem;

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
                }
                resolved.put(name, p);
            }
            out.set(i, c.withParameters(resolved));
        }
        return d.withClauses(out);
    }

    /**
     * Deadlines taken from a clause of another decree ({@code deadlineFrom.decree}), once every decree is loaded.
     * {@code files}: the catalog file of each decree, for the problems.
     */
    static List<Decree> resolveAcrossDecrees(List<Decree> decrees, Map<String, String> files, List<RuleProblem> problems) {
        List<Decree> out = new ArrayList<>();
        for (Decree d : decrees) {
            List<Clause> clauses = new ArrayList<>(d.clauses());
            for (int i = 0; i < clauses.size(); i++) {
                Clause c = clauses.get(i);
                if (c.deadlineFrom() == null || c.deadlineFrom().decree() == null || c.deadlineFrom().decree().equals(d.id())) continue;
                Clause source = decrees.stream().filter(x -> x.id().equals(c.deadlineFrom().decree())).findFirst()
                        .flatMap(x -> x.clause(c.deadlineFrom().clause())).orElse(null);
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

    private static RuleProblem problem(String file, YamlLocations at, int clause, String field, String message) {
        return new RuleProblem(file, at.line("/clauses/" + clause + "/" + field), 0, message);
    }
}
