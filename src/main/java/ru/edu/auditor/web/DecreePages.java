package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/** The decrees in force: their list with a search over clause texts, and each decree with its clauses, rules and fixtures. */
final class DecreePages {
    private static final Logger log = LoggerFactory.getLogger(DecreePages.class);

    record DecreeList(List<Views.DecreeRow> decrees, String q, List<Views.Hit> hits, String hitCount) implements Pages.View { }

    /**
     * One decree. {@code internals}: the rule author's view (rule names, fixtures, parameter names as the DRL reads
     * them); an auditor sees the law only — the texts, the values the clauses name with their quotes, the deadlines.
     */
    record DecreeView(Views.DecreeRow decree, Decree source, String note, List<Views.ClauseView> clauses, boolean internals) implements Pages.View { }

    private final Pages pages;
    private final RulesHolder rules;
    /** decree → clause → the fixtures that expect a verdict on it («file — verdict»). */
    private final Map<String, Map<String, List<String>>> fixtureIndex;

    DecreePages(Pages pages, RulesHolder rules, Path fixtures) {
        this.pages = pages;
        this.rules = rules;
        this.fixtureIndex = fixtureIndex(fixtures);
    }

    void register(JavalinConfig config) {
        config.routes.get("/decrees", pages.page(this::decrees), PageGuard.AUDITOR);
        config.routes.get("/decrees/{id}", pages.page(this::decree), PageGuard.AUDITOR);
    }

    private void decrees(Context ctx, Sessions.Session s) throws IOException {
        List<Decree> all = rules.catalog().decrees();
        List<Views.DecreeRow> rows = all.stream().map(Views::decreeRow).toList();
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            pages.render(ctx, s, 200, "decrees", "decrees", new DecreeList(rows, null, null, null));
            return;
        }
        String query = q.strip();
        List<Views.Hit> hits = new ArrayList<>();
        for (Decree d : all) for (Clause c : d.clauses()) {
            Views.Hit h = Views.hit(d, c, query);
            if (h != null) hits.add(h);
        }
        pages.render(ctx, s, 200, "decrees", "decrees",
                new DecreeList(rows, query, hits, hits.size() + " " + Ru.plural(hits.size(), "пункт", "пункта", "пунктов")));
    }

    private void decree(Context ctx, Sessions.Session s) throws IOException {
        Decree d = rules.catalog().decree(ctx.pathParam("id")).orElse(null);
        if (d == null) {
            pages.notFound(ctx, s, "В каталоге нет такого решения.");
            return;
        }
        boolean internals = s.who().role().includes(Role.rule_author);
        Map<String, List<String>> byClause = internals ? rulesByClause(d) : Map.of();
        Map<String, List<String>> fixtures = internals ? fixtureIndex.getOrDefault(d.id(), Map.of()) : Map.of();
        String note = d.effective() == null ? null : d.effective().note();
        pages.render(ctx, s, 200, "decree", "decrees", new DecreeView(Views.decreeRow(d), d, internals ? note : Views.lawOnly(note),
                d.clauses().stream().map(c -> Views.clauseView(c, byClause.getOrDefault(c.id(), List.of()), fixtures.getOrDefault(c.id(), List.of()),
                        internals, id -> rules.catalog().decree(id).map(x -> Views.decreeRow(x).document()).orElse(id))).toList(), internals));
    }

    /** The rules judging each clause of {@code d} by name; a shared reading says so unless its name does. */
    private Map<String, List<String>> rulesByClause(Decree d) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        rules.rulesByClause(d).forEach((clause, list) -> out.put(clause, list.stream().map(r -> r.sharedReading()
                && !r.name().toLowerCase(Locale.ROOT).startsWith("общее прочтение") ? r.name() + " (общее прочтение)" : r.name()).toList()));
        return out;
    }

    private static Map<String, Map<String, List<String>>> fixtureIndex(Path dir) {
        Map<String, Map<String, List<String>>> out = new HashMap<>();
        if (dir == null || !Files.isDirectory(dir)) return out;
        try {
            for (Fixture fx : FixtureRunner.load(dir)) {
                fx.expect().fields().forEachRemaining(e -> {
                    if (!e.getValue().isObject()) return;
                    e.getValue().fields().forEachRemaining(c -> {
                        String verdict = c.getValue().isTextual() ? c.getValue().asText() : c.getValue().path("status").asText();
                        out.computeIfAbsent(e.getKey(), k -> new HashMap<>()).computeIfAbsent(c.getKey(), k -> new ArrayList<>())
                                .add(fx.name() + " — " + Labels.verdict(verdict));
                    });
                });
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Fixtures in {} not read for the decree pages: {}", dir, e.toString());
        }
        return out;
    }
}
