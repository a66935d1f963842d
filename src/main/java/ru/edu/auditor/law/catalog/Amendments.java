package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.text.Fmt;

/**
 * Applies the {@code amends:} of every amending act to the acts it changes, once every catalog is loaded: a repeal
 * sets the last day in force of the clause or act, a new wording becomes a dated version of the clause. Refuses, at
 * the amending act's file and line: a target act or clause the catalog does not have, an amending clause that does not
 * name the act, clause or date it changes, a new wording the amending act's text does not contain word for word, a
 * parameter the changed clause does not have or whose quote the new wording does not contain, a change before the
 * amending act is in force, and two changes of the same clause on the same day.
 */
final class Amendments {
    private Amendments() { }

    /**
     * {@code texts}: the normalised original text of each act ({@code sourceFile}), absent for a teaching example
     * without one; {@code files}, {@code at}: each act's catalog file and its YAML locations, for the problems.
     */
    static List<Decree> apply(List<Decree> decrees, Map<String, String> files, Map<String, YamlLocations> at,
                              Map<String, String> texts, List<RuleProblem> problems) {
        Map<String, Decree> byId = new LinkedHashMap<>();
        for (Decree d : decrees) byId.put(d.id(), d);
        for (Decree amending : decrees) {
            String file = files.get(amending.id());
            YamlLocations loc = at.get(amending.id());
            for (int i = 0; i < amending.amends().size(); i++) {
                Amendment a = amending.amends().get(i);
                String where = "/amends/" + i;
                int before = problems.size();
                Decree target = byId.get(a.decree());
                Clause by = amending.clause(a.by()).orElse(null);
                if (a.decree().equals(amending.id())) {
                    problems.add(new RuleProblem(file, loc.line(where + "/decree"), 0, "изменение " + (i + 1) + ": акт не может изменять сам себя (decree)"));
                    continue;
                }
                if (target == null) {
                    problems.add(new RuleProblem(file, loc.line(where + "/decree"), 0, "изменение " + (i + 1) + ": решения «" + a.decree()
                            + "» (decree) в каталоге нет — изменять нечего"));
                    continue;
                }
                if (by == null) {
                    problems.add(new RuleProblem(file, loc.line(where + "/by"), 0, "изменение " + (i + 1) + ": пункта «" + a.by()
                            + "» (by) в этом решении нет"));
                    continue;
                }
                Clause changed = a.clause() == null ? null : target.clause(a.clause()).orElse(null);
                if (a.clause() != null && changed == null) {
                    problems.add(new RuleProblem(file, loc.line(where + "/clause"), 0, "изменение " + (i + 1) + ": в решении «" + target.id()
                            + "» нет пункта " + a.clause() + " (clause)"));
                    continue;
                }
                String byText = DecreeText.normalize(by.text());
                String what = a.clause() == null ? "решение " + target.id() : "п. " + a.clause() + " решения " + target.id();
                if (!Pattern.compile("№\\s*" + Pattern.quote(target.number()) + "(?![\\d/-])").matcher(byText).find()) {
                    problems.add(new RuleProblem(file, loc.line(where + "/decree"), 0, "изменение " + (i + 1) + ": п. " + by.id()
                            + " не называет изменяемый акт № " + target.number() + " (decree: " + target.id() + ")"));
                }
                if (a.clause() != null && !namesClause(byText, a.clause())) {
                    problems.add(new RuleProblem(file, loc.line(where + "/clause"), 0, "изменение " + (i + 1) + ": п. " + by.id()
                            + " не называет пункт " + a.clause() + " (clause)"));
                }
                if (a.from().isBefore(amending.effective().inForceFrom())) {
                    problems.add(new RuleProblem(file, loc.line(where + "/from"), 0, "изменение " + (i + 1) + ": действует с " + Fmt.date(a.from())
                            + " (from) — раньше, чем вступил в силу сам изменяющий акт (" + Fmt.date(amending.effective().inForceFrom()) + ")"));
                } else if (!a.from().equals(amending.effective().inForceFrom()) && !byText.contains(Fmt.date(a.from()))) {
                    problems.add(new RuleProblem(file, loc.line(where + "/from"), 0, "изменение " + (i + 1) + ": п. " + by.id()
                            + " не называет дату " + Fmt.date(a.from()) + " (from); изменение без своей даты действует со дня вступления акта в силу — "
                            + Fmt.date(amending.effective().inForceFrom())));
                }
                if (!a.from().isAfter(target.effective().inForceFrom())) {
                    problems.add(new RuleProblem(file, loc.line(where + "/from"), 0, "изменение " + (i + 1) + ": " + what + " вступило в силу "
                            + Fmt.date(target.effective().inForceFrom()) + " — изменение с " + Fmt.date(a.from()) + " (from) должно быть позже"));
                }
                Clause.ActRef ref = new Clause.ActRef(amending.id(), by.id(), amending.citation());
                if (a.repeals()) {
                    if (changed == null) {
                        if (target.effective().repealedBy() != null) {
                            problems.add(new RuleProblem(file, loc.line(where), 0, "изменение " + (i + 1) + ": решение " + target.id()
                                    + " уже отменено (" + target.effective().repealedBy() + ")"));
                        }
                    } else if (changed.repealedBy() != null) {
                        problems.add(new RuleProblem(file, loc.line(where), 0, "изменение " + (i + 1) + ": " + what + " уже отменён ("
                                + changed.repealedBy() + ")"));
                    }
                    if (problems.size() > before) continue;
                    LocalDate lastDay = a.from().minusDays(1);
                    Decree t = changed == null ? target.withEffective(target.effective().repealed(lastDay, ref))
                            : replace(target, changed.repealed(lastDay, ref));
                    byId.put(t.id(), t);
                    continue;
                }
                String wording = DecreeText.normalize(a.text());
                String original = texts.get(amending.id());
                String source = original != null ? original : byText;
                if (!source.contains(wording)) {
                    problems.add(new RuleProblem(file, loc.line(where + "/text"), 0, "изменение " + (i + 1) + ": новой редакции " + what
                            + " нет дословно в " + (original != null ? "«" + amending.sourceFile() + "»" : "тексте п. " + by.id()) + ". "
                            + DecreeText.whereTheyPart(wording, source)));
                }
                Map<String, Parameter> params = new LinkedHashMap<>();
                a.parameters().forEach((name, p) -> {
                    String field = where + "/parameters/" + name;
                    if (!changed.parameters().containsKey(name)) {
                        problems.add(new RuleProblem(file, loc.line(field), 0, "изменение " + (i1(amending, a)) + ": параметра «" + name + "» у "
                                + what + " нет" + CatalogResolver.suggestion(name, changed.parameters().keySet())));
                    } else if (p.value() == null) {
                        problems.add(new RuleProblem(file, loc.line(field), 0, "изменение " + (i1(amending, a)) + ", параметр " + name
                                + ": новая редакция называет значение сама (value), а не берёт его из другого пункта (from)"));
                    } else {
                        if (p.quote() == null) {
                            problems.add(new RuleProblem(file, loc.line(field), 0, "изменение " + (i1(amending, a)) + ", параметр " + name
                                    + ": нужны слова новой редакции, которые называют значение (quote)"));
                        } else if (!wording.contains(DecreeText.normalize(p.quote()))) {
                            problems.add(new RuleProblem(file, loc.line(field + "/quote"), 0, "изменение " + (i1(amending, a)) + ", параметр " + name
                                    + ": слов «" + p.quote() + "» (quote) нет в новой редакции"));
                            params.put(name, p);
                            return;
                        }
                        String mismatch = CatalogResolver.valueAbsentFromQuote(p);
                        if (mismatch != null) {
                            problems.add(new RuleProblem(file, loc.line(field + "/value"), 0, "изменение " + (i1(amending, a)) + ", параметр " + name + ": " + mismatch));
                        }
                        params.put(name, p);
                    }
                });
                if (changed.repealedBy() != null && !a.from().isBefore(changed.inForceUntil().plusDays(1))) {
                    problems.add(new RuleProblem(file, loc.line(where + "/from"), 0, "изменение " + (i + 1) + ": " + what + " с "
                            + Fmt.date(changed.inForceUntil().plusDays(1)) + " утратил силу (" + changed.repealedBy() + ") — новая редакция с "
                            + Fmt.date(a.from()) + " ничего не меняет"));
                }
                for (Clause.Version v : changed.versions()) {
                    if (v.from().equals(a.from())) {
                        problems.add(new RuleProblem(file, loc.line(where + "/from"), 0, "изменение " + (i + 1) + ": у " + what
                                + " уже есть редакция с " + Fmt.date(a.from()) + " (" + v.amendedBy() + ")"));
                    }
                }
                if (problems.size() > before) continue;
                Decree t = replace(target, changed.withVersion(new Clause.Version(a.from(), a.text(), params, ref, a.note())));
                byId.put(t.id(), t);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** The 1-based number of {@code a} in its act's list, for messages built inside a lambda. */
    private static int i1(Decree amending, Amendment a) { return amending.amends().indexOf(a) + 1; }

    /** Whether the amending clause's text names clause {@code id} («пункты 2.3 и 3.4», «пункт 4»). */
    static boolean namesClause(String text, String id) {
        String printed = id.replaceFirst("#\\d+$", "");
        return Pattern.compile("(?<![\\d.])" + Pattern.quote(printed) + "(?!\\d|\\.\\d)").matcher(text).find();
    }

    private static Decree replace(Decree d, Clause c) {
        List<Clause> clauses = new ArrayList<>(d.clauses());
        for (int i = 0; i < clauses.size(); i++) if (clauses.get(i).id().equals(c.id())) clauses.set(i, c);
        return d.withClauses(clauses);
    }
}
