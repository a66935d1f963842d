package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.report.Csv;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.report.OrganizationHistory;
import ru.edu.auditor.report.ReportCsv;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.report.RollupCsv;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.Replays;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.batch.Impact;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.formats.sheets.ResultWorkbooks;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
import ru.edu.auditor.store.RulesArchive;
import ru.edu.auditor.store.StoredAudit;
import ru.edu.auditor.store.StoreUnavailableException;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * The auditor's workspace: Russian pages under {@code /} served by the API's server, rendered on the server with
 * Pebble (autoescaping on: every value a page shows is escaped), htmx and the style sheet served from the jar.
 * Every page goes through the same services as the API ({@code service.*}, {@code report.*}); nothing here
 * judges anything.
 */
public final class Workspace {
    private static final Logger log = LoggerFactory.getLogger(Workspace.class);
    static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    /** Largest upload (a workbook or an NDJSON batch) the workspace takes: 64 MiB. */
    static final long MAX_UPLOAD_BYTES = 64L << 20;

    /** What the workspace serves from; {@code history} null: no store (then no history pages). {@code fixtures} may be null. */
    public record Services(AuditService audits, HistoryQueries history, RuleReloader reloader, Tokens tokens, Path fixtures) { }

    private final Services services;
    private final Sessions sessions = new Sessions();
    private final BatchJobs batches = new BatchJobs();
    private final ImpactJobs impacts = new ImpactJobs();
    private final PebbleEngine pebble;
    private final FormSchema form = FormSchema.current();
    private final Map<String, Map<String, List<String>>> fixtureIndex;

    private Workspace(Services services) {
        this.services = services;
        ClasspathLoader loader = new ClasspathLoader(Workspace.class.getClassLoader());
        loader.setPrefix("web/templates");
        loader.setSuffix(".peb");
        this.pebble = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(false).defaultLocale(Locale.forLanguageTag("ru"))
                .build();
        this.fixtureIndex = fixtureIndex(services.fixtures());
    }

    /** The workspace as a front end of the API's server: registers its routes on the server's configuration. */
    public static Consumer<JavalinConfig> frontEnd(Services services) {
        Workspace w = new Workspace(services);
        return w::register;
    }

    @FunctionalInterface
    interface Page {
        void handle(Context ctx, Sessions.Session s) throws Exception;
    }

    private void register(JavalinConfig config) {
        config.routes.get("/static/app.css", ctx -> resource(ctx, "/web/static/app.css", "text/css; charset=utf-8"));
        config.routes.get("/static/app.js", ctx -> resource(ctx, "/web/static/app.js", "text/javascript; charset=utf-8"));
        config.routes.get("/static/htmx.min.js", ctx -> resource(ctx, HTMX, "text/javascript; charset=utf-8"));
        config.routes.get("/login", this::loginPage);
        config.routes.post("/login", this::login);
        config.routes.post("/logout", page(Role.auditor, (ctx, s) -> {
            sessions.close(ctx);
            ctx.redirect("/login?out=1", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        config.routes.get("/", page(Role.auditor, this::organizations));
        config.routes.get("/organizations", page(Role.auditor, this::organizations));
        config.routes.get("/organizations/{key}", page(Role.auditor, this::organization));
        config.routes.get("/organizations/{key}/history.xlsx", page(Role.auditor, (ctx, s) -> {
            OrganizationHistory h = history().organization(ctx.pathParam("key")).orElse(null);
            if (h == null) notFound(ctx, s, "Нет сохранённых проверок этой организации.");
            else download(ctx, "История проверок.xlsx", SheetIntake.XLSX, ResultWorkbooks.history(h));
        }));
        config.routes.get("/decrees", page(Role.auditor, this::decrees));
        config.routes.get("/decrees/{id}", page(Role.auditor, this::decree));
        config.routes.get("/audits/new", page(Role.auditor, this::newAudit));
        config.routes.post("/audits/new", page(Role.auditor, this::submitAudit));
        config.routes.post("/audits/upload", page(Role.auditor, this::uploadWorkbook));
        config.routes.get("/templates/organization.xlsx", page(Role.auditor, this::organizationTemplate));
        config.routes.get("/templates/district.xlsx", page(Role.auditor, (ctx, s) -> download(ctx, "Форма сведений района.xlsx", SheetIntake.XLSX,
                write(out -> new FormWriter(FormLayout.current()).district(java.util.Collections.emptyIterator(), out)))));
        config.routes.get("/reports/{id}", page(Role.auditor, this::report));
        config.routes.post("/reports/{id}/replay", page(Role.auditor, this::replay));
        config.routes.get("/reports/{id}/report.csv", page(Role.auditor, (ctx, s) -> reportDownload(ctx, s, "csv")));
        config.routes.get("/reports/{id}/report.json", page(Role.auditor, (ctx, s) -> reportDownload(ctx, s, "json")));
        config.routes.get("/reports/{id}/report.xlsx", page(Role.auditor, (ctx, s) -> reportDownload(ctx, s, "xlsx")));
        config.routes.get("/district", page(Role.auditor, this::district));
        config.routes.get("/district/rollup.csv", page(Role.auditor, (ctx, s) -> districtDownload(ctx, s, "csv")));
        config.routes.get("/district/rollup.xlsx", page(Role.auditor, (ctx, s) -> districtDownload(ctx, s, "xlsx")));
        config.routes.get("/batch", page(Role.auditor, (ctx, s) -> render(ctx, s, 200, "batch", model("batch"))));
        config.routes.post("/batch", page(Role.auditor, this::startBatch));
        config.routes.get("/batch/{id}", page(Role.auditor, (ctx, s) -> batchPage(ctx, s, "batch-job")));
        config.routes.get("/batch/{id}/progress", page(Role.auditor, (ctx, s) -> batchPage(ctx, s, "batch-progress")));
        config.routes.get("/rules", page(Role.rule_author, this::rules));
        config.routes.post("/rules/reload", page(Role.rule_author, (ctx, s) -> {
            services.reloader().reloadNow("workspace, " + s.who().name());
            ctx.redirect("/rules", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        config.routes.post("/rules/impact", page(Role.rule_author, this::startImpact));
        config.routes.get("/rules/impact/{id}", page(Role.rule_author, (ctx, s) -> impactPage(ctx, s, "impact-job")));
        config.routes.get("/rules/impact/{id}/progress", page(Role.rule_author, (ctx, s) -> impactPage(ctx, s, "impact-progress")));
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private Handler page(Role needed, Page p) {
        return ctx -> {
            headers(ctx);
            Sessions.Session s = sessions.find(ctx).orElse(null);
            if (s == null) {
                if ("GET".equals(ctx.method().name())) {
                    ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
                } else {
                    Map<String, Object> m = model(null);
                    m.put("title", "Нужно войти");
                    m.put("message", "Сеанс закончился или вы не вошли. Войдите снова; введённые данные этой формы не сохранены.");
                    render(ctx, null, 401, "error", m);
                }
                return;
            }
            if (!s.who().role().includes(needed)) {
                Map<String, Object> m = model(null);
                m.put("title", "Недостаточно прав");
                m.put("message", "Роли «" + s.who().role().label() + "» эта страница недоступна; нужна роль «" + needed.label()
                        + "» или выше. Обратитесь к администратору аудитора.");
                render(ctx, s, 403, "error", m);
                return;
            }
            if ("POST".equals(ctx.method().name()) && !Sessions.csrfValid(s, ctx.formParam("csrf"))) {
                Map<String, Object> m = model(null);
                m.put("title", "Форма не принята");
                m.put("message", "Форма отправлена не со страницы аудитора или устарела. Откройте страницу заново и повторите.");
                render(ctx, s, 403, "error", m);
                return;
            }
            try {
                p.handle(ctx, s);
            } catch (StoreUnavailableException e) {
                log.warn("Audit store unavailable on {} {}", ctx.method(), ctx.path());
                Map<String, Object> m = model(null);
                m.put("title", "Хранилище проверок недоступно");
                m.put("message", "Хранилище проверок сейчас недоступно, запрос не выполнен. Повторите через несколько секунд.");
                render(ctx, s, 503, "error", m);
            } catch (Exception e) {
                String id = UUID.randomUUID().toString();
                log.error("Workspace failure {} on {} {}", id, ctx.method(), ctx.path(), e);
                Map<String, Object> m = model(null);
                m.put("title", "Внутренняя ошибка");
                m.put("message", "Сбой на стороне сервера; номер для обращения: " + id + ".");
                render(ctx, s, 500, "error", m);
            }
        };
    }

    private static void headers(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    private Map<String, Object> model(String nav) {
        Map<String, Object> m = new HashMap<>();
        m.put("nav", nav);
        return m;
    }

    void render(Context ctx, Sessions.Session s, int status, String template, Map<String, Object> model) throws IOException {
        if (s != null) {
            model.put("user", s.who().name());
            model.put("role", s.who().role().label());
            model.put("csrf", s.csrf());
            model.put("canRules", s.who().role().includes(Role.rule_author));
        }
        StringWriter w = new StringWriter();
        pebble.getTemplate(template).evaluate(w, model, Locale.forLanguageTag("ru"));
        ctx.status(status).contentType("text/html; charset=utf-8").result(w.toString());
    }

    private static void resource(Context ctx, String path, String type) throws IOException {
        try (InputStream in = Workspace.class.getResourceAsStream(path)) {
            if (in == null) {
                ctx.status(404).result("");
                return;
            }
            ctx.header("Cache-Control", "max-age=3600");
            ctx.status(200).contentType(type).result(in.readAllBytes());
        }
    }

    private static void download(Context ctx, String fileName, String type, byte[] bytes) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.status(200).contentType(type).header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20")).result(bytes);
    }

    private interface Writing {
        void to(java.io.OutputStream out) throws IOException;
    }

    private static byte[] write(Writing w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.to(out);
        return out.toByteArray();
    }

    private void notFound(Context ctx, Sessions.Session s, String message) throws IOException {
        Map<String, Object> m = model(null);
        m.put("title", "Не найдено");
        m.put("message", message);
        render(ctx, s, 404, "error", m);
    }

    private HistoryQueries history() {
        if (services.history() == null) throw new IllegalStateException("no audit store");
        return services.history();
    }

    private boolean noStore(Context ctx, Sessions.Session s) throws IOException {
        if (services.history() != null) return false;
        Map<String, Object> m = model(null);
        m.put("title", "Хранилище не подключено");
        m.put("message", "Сервер запущен без хранилища проверок: история, отчёты и сводки района недоступны.");
        render(ctx, s, 503, "error", m);
        return true;
    }

    // ------------------------------------------------------------------------------------------- sign-in

    private void loginPage(Context ctx) throws IOException {
        headers(ctx);
        Map<String, Object> m = model(null);
        m.put("loginToken", sessions.loginToken(ctx));
        m.put("next", safeNext(ctx.queryParam("next")));
        if (ctx.queryParam("out") != null) m.put("notice", "Вы вышли из аудитора.");
        render(ctx, null, 200, "login", m);
    }

    private void login(Context ctx) throws IOException {
        headers(ctx);
        String next = safeNext(ctx.formParam("next"));
        if (!Sessions.loginTokenValid(ctx, ctx.formParam("loginToken"))) {
            Map<String, Object> m = model(null);
            m.put("loginToken", sessions.loginToken(ctx));
            m.put("next", next);
            m.put("error", "Форма входа устарела или отправлена не со страницы аудитора. Введите токен ещё раз.");
            render(ctx, null, 403, "login", m);
            return;
        }
        Tokens.Principal who = services.tokens().authenticate(ctx.formParam("token")).orElse(null);
        if (who == null) {
            log.info("Workspace sign-in refused from {}", ctx.ip());
            Map<String, Object> m = model(null);
            m.put("loginToken", sessions.loginToken(ctx));
            m.put("next", next);
            m.put("error", "Токен не распознан. Проверьте, что он скопирован полностью.");
            render(ctx, null, 401, "login", m);
            return;
        }
        sessions.open(ctx, who);
        log.info("Workspace sign-in: {} ({})", who.name(), who.role().label());
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Only a path of this site: never another host («//evil», «https://…»). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.contains("\r") || next.contains("\n")) return "/";
        return next;
    }

    // ------------------------------------------------------------------------------------------- decrees

    private void decrees(Context ctx, Sessions.Session s) throws IOException {
        Map<String, Object> m = model("decrees");
        List<Decree> all = services.audits().rules().current().catalog().decrees();
        m.put("decrees", all.stream().map(Views::decreeRow).toList());
        String q = ctx.queryParam("q");
        if (q != null && !q.isBlank()) {
            String query = q.strip();
            List<Views.Hit> hits = new ArrayList<>();
            for (Decree d : all) for (Clause c : d.clauses()) {
                Views.Hit h = Views.hit(d, c, query);
                if (h != null) hits.add(h);
            }
            m.put("q", query);
            m.put("hits", hits);
            m.put("hitCount", hits.size() + " " + Ru.plural(hits.size(), "пункт", "пункта", "пунктов"));
        }
        render(ctx, s, 200, "decrees", m);
    }

    private void decree(Context ctx, Sessions.Session s) throws IOException {
        RuleSet rules = services.audits().rules().current();
        Decree d = rules.catalog().decree(ctx.pathParam("id")).orElse(null);
        if (d == null) {
            notFound(ctx, s, "В каталоге нет такого решения.");
            return;
        }
        Map<String, List<String>> byClause = rulesByClause(rules, d);
        Map<String, List<String>> fixtures = fixtureIndex.getOrDefault(d.id(), Map.of());
        Map<String, Object> m = model("decrees");
        m.put("decree", Views.decreeRow(d));
        m.put("source", d);
        m.put("note", d.effective() == null ? null : d.effective().note());
        m.put("clauses", d.clauses().stream().map(c -> Views.clauseView(c, byClause.getOrDefault(c.id(), List.of()),
                fixtures.getOrDefault(c.id(), List.of()))).toList());
        render(ctx, s, 200, "decree", m);
    }

    /** The rules judging each clause of {@code d}: its own (@decree, @clause) and the shared readings its catalog names. */
    private static Map<String, List<String>> rulesByClause(RuleSet rules, Decree d) {
        Map<String, List<String>> own = new LinkedHashMap<>();
        Map<String, List<String>> readings = new LinkedHashMap<>();
        for (KiePackage p : rules.kieBase().getKiePackages()) {
            for (Rule r : p.getRules()) {
                Object decree = r.getMetaData().get("decree");
                Object clause = r.getMetaData().get("clause");
                Object reading = r.getMetaData().get("reading");
                if (d.id().equals(decree) && clause != null) own.computeIfAbsent(String.valueOf(clause), k -> new ArrayList<>()).add(r.getName());
                if (reading != null) readings.computeIfAbsent(String.valueOf(reading), k -> new ArrayList<>()).add(r.getName().toLowerCase(Locale.ROOT).startsWith("общее прочтение") ? r.getName() : r.getName() + " (общее прочтение)");
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Clause c : d.clauses()) {
            List<String> l = new ArrayList<>(own.getOrDefault(c.id(), List.of()));
            if (c.reading() != null) l.addAll(readings.getOrDefault(c.reading(), List.of()));
            l.sort(Comparator.naturalOrder());
            out.put(c.id(), l);
        }
        return out;
    }

    /** decree → clause → the fixtures that expect a verdict on it («file: VERDICT»). */
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

    // ------------------------------------------------------------------------------------------- audit form

    private void newAudit(Context ctx, Sessions.Session s) throws IOException {
        FormSchema.Values v = new FormSchema.Values();
        String org = ctx.queryParam("org");
        String prefilled = null;
        if (org != null && services.history() != null) {
            String facts = services.history().latestFacts(org).orElse(null);
            if (facts != null) {
                v = form.fromDocument(Json.mapper().readTree(facts));
                prefilled = org;
            }
        }
        renderForm(ctx, s, 200, v, Map.of(), List.of(), prefilled);
    }

    private void renderForm(Context ctx, Sessions.Session s, int status, FormSchema.Values v, Map<String, List<String>> errors,
                            List<Map<String, String>> summary, String prefilledFrom) throws IOException {
        Map<String, Object> m = model("new");
        m.put("sections", form.sections());
        m.put("values", v.single);
        m.put("multi", v.multi);
        m.put("present", v.present);
        Map<String, List<Integer>> rows = new HashMap<>();
        for (String t : form.tables().keySet()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < v.rows(t); i++) idx.add(i);
            rows.put(t, idx);
        }
        m.put("rows", rows);
        Map<String, String> rowText = new HashMap<>();
        rows.forEach((t, l) -> rowText.put(t, Ru.lines(l.size())));
        m.put("rowText", rowText);
        int n = summary.size();
        m.put("summaryTitle", "Сведения не приняты: " + Ru.plural(n, "найдена ", "найдены ", "найдено ") + Ru.errors(n)
                + ". Исправьте " + Ru.plural(n, "её", "их", "их") + " и нажмите «Проверить» снова.");
        m.put("errors", errors);
        m.put("summary", summary);
        m.put("prefilledFrom", prefilledFrom);
        m.put("templateHref", "/templates/organization.xlsx" + (prefilledFrom == null ? "" : "?org=" + enc(prefilledFrom)));
        render(ctx, s, status, "form", m);
    }

    private void submitAudit(Context ctx, Sessions.Session s) throws IOException {
        FormSchema.Values posted = form.read(ctx.formParamMap());
        String action = ctx.formParam("action");
        if (action != null && !action.equals("audit")) {
            // add, remove or paste rows: the form comes back with everything typed so far
            String[] a = action.split(":", 3);
            if (a.length >= 2 && form.tables().containsKey(a[1])) {
                switch (a[0]) {
                    case "add" -> posted.rows.put(a[1], posted.rows(a[1]) + 1);
                    case "remove" -> {
                        if (a.length == 3 && a[2].matches("\\d{1,5}")) removeRow(posted, a[1], Integer.parseInt(a[2]));
                    }
                    case "paste" -> form.paste(posted, a[1], ctx.formParam(a[1] + ".paste"));
                    default -> { }
                }
            }
            renderForm(ctx, s, 200, posted, Map.of(), List.of(), null);
            return;
        }
        FormSchema.Values v = form.compact(posted);
        FormSchema.Converted converted = form.toDocument(v);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        converted.errors().forEach((k, msg) -> errors.computeIfAbsent(k, x -> new ArrayList<>()).add(msg));
        List<FieldProblem> problems = List.of();
        AuditService.Outcome outcome = null;
        if (errors.isEmpty()) {
            outcome = services.audits().audit(converted.document(), s.who().name());
            if (outcome.ok()) {
                if (outcome.stored()) {
                    ctx.redirect("/reports/" + URLEncoder.encode(outcome.report().decisionId(), StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
                } else {
                    renderReport(ctx, s, Json.mapper().readTree(outcome.reportBytes()), ctx.queryParam("verdict"));
                }
                return;
            }
            problems = outcome.problems();
        } else {
            // the fields that could be read are still checked, so every problem is shown at once
            problems = ru.edu.auditor.service.FactsValidator.validate(converted.document());
        }
        for (FieldProblem p : problems) {
            String input = form.inputFor(p.path());
            String key = input == null ? "" : input;
            if (converted.errors().containsKey(key)) continue; // already said why this input was not read
            errors.computeIfAbsent(key, x -> new ArrayList<>()).add(p.message());
        }
        List<Map<String, String>> summary = new ArrayList<>();
        errors.forEach((input, msgs) -> {
            for (String msg : msgs) {
                Map<String, String> e = new LinkedHashMap<>();
                e.put("label", input.isEmpty() ? "Сведения в целом" : form.labelOf(input));
                e.put("message", msg);
                if (!input.isEmpty()) e.put("anchor", new FormSchema.Field(input, "", "", "", List.of(), false).id());
                summary.add(e);
            }
        });
        renderForm(ctx, s, 400, v, errors, summary, null);
    }

    private void removeRow(FormSchema.Values v, String table, int row) {
        int n = v.rows(table);
        if (row < 0 || row >= n) return;
        for (FormSchema.Field c : form.tables().get(table).columns()) {
            for (int r = row; r < n - 1; r++) {
                String to = table + "[" + r + "]." + c.name();
                String from = table + "[" + (r + 1) + "]." + c.name();
                v.single.remove(to);
                v.multi.remove(to);
                if (v.single.containsKey(from)) v.single.put(to, v.single.get(from));
                if (v.multi.containsKey(from)) v.multi.put(to, v.multi.get(from));
            }
            v.single.remove(table + "[" + (n - 1) + "]." + c.name());
            v.multi.remove(table + "[" + (n - 1) + "]." + c.name());
        }
        v.rows.put(table, n - 1);
    }

    private void organizationTemplate(Context ctx, Sessions.Session s) throws IOException {
        String org = ctx.queryParam("org");
        JsonNode facts = null;
        if (org != null && services.history() != null) {
            String f = services.history().latestFacts(org).orElse(null);
            if (f != null) facts = Json.mapper().readTree(f);
        }
        JsonNode prefill = facts;
        download(ctx, "Форма сведений об организации.xlsx", SheetIntake.XLSX, write(out -> new FormWriter(FormLayout.current()).organization(prefill, out)));
    }

    private void uploadWorkbook(Context ctx, Sessions.Session s) throws Exception {
        UploadedFile file = ctx.uploadedFile("workbook");
        Map<String, Object> m = model("new");
        if (file == null || file.size() == 0) {
            m.put("title", "Файл не выбран");
            m.put("problems", List.of(Map.of("where", "Файл", "message", "выберите заполненную книгу Excel (.xlsx)")));
            render(ctx, s, 400, "upload-errors", m);
            return;
        }
        Path spooled;
        try (InputStream in = file.content()) {
            spooled = SheetIntake.spool(in);
        } catch (WorkbookRejected e) {
            m.put("title", e.title());
            m.put("problems", List.of(Map.of("where", "Файл «" + file.filename() + "»", "message", e.detail())));
            render(ctx, s, Views.status(e.reason()), "upload-errors", m);
            return;
        }
        try {
            SheetIntake.Single r = new SheetIntake().auditOrganization(spooled, services.audits(), s.who().name());
            if (r.ok()) {
                AuditService.Outcome o = r.outcome();
                if (o.stored()) ctx.redirect("/reports/" + URLEncoder.encode(o.report().decisionId(), StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
                else renderReport(ctx, s, Json.mapper().readTree(o.reportBytes()), null);
                return;
            }
            List<Map<String, String>> problems = new ArrayList<>();
            for (FieldProblem p : r.problems()) {
                problems.add(Map.of("where", p.cell() != null ? p.cell() : p.path(), "message", p.message(), "path", p.path()));
            }
            m.put("title", "Книга не прошла проверку: " + Ru.errors(problems.size()));
            m.put("problems", problems);
            render(ctx, s, 400, "upload-errors", m);
        } catch (WorkbookRejected e) {
            m.put("title", e.title());
            m.put("problems", List.of(Map.of("where", "Файл «" + file.filename() + "»", "message", e.detail())));
            render(ctx, s, Views.status(e.reason()), "upload-errors", m);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    // ------------------------------------------------------------------------------------------- report

    private void report(Context ctx, Sessions.Session s) throws IOException {
        if (noStore(ctx, s)) return;
        String report = history().report(ctx.pathParam("id")).orElse(null);
        if (report == null) {
            notFound(ctx, s, "Нет сохранённой проверки с таким номером.");
            return;
        }
        renderReport(ctx, s, Json.mapper().readTree(report), ctx.queryParam("verdict"));
    }

    private void renderReport(Context ctx, Sessions.Session s, JsonNode report, String verdict) throws IOException {
        String filter = verdict != null && Labels.VERDICTS.containsKey(verdict) ? verdict : null;
        Map<String, Object> m = model("organizations");
        JsonNode org = report.path("organization");
        m.put("decisionId", report.path("decisionId").asText());
        m.put("organizationName", org.path("name").asText("—"));
        m.put("organizationId", Views.text(org, "id"));
        m.put("organizationKind", org.has("kind") ? ru.edu.auditor.law.catalog.OrgKinds.label(org.path("kind").asText()) : null);
        m.put("municipality", Views.text(org, "municipality"));
        m.put("region", Views.text(org, "region"));
        m.put("organizationKey", Views.text(report, "organizationKey"));
        m.put("organizationHref", report.hasNonNull("organizationKey") ? "/organizations/" + enc(report.path("organizationKey").asText()) : null);
        m.put("asOf", Fmt.date(Views.date(report.path("asOf").asText(null))));
        m.put("auditedAt", Fmt.date(Views.date(report.path("auditedAt").asText(null))));
        m.put("rulesVersion", report.path("rulesVersion").asText());
        m.put("status", Views.statusBadge(report.path("status").asText()));
        Map<String, Integer> summary = new LinkedHashMap<>();
        report.path("summary").fields().forEachRemaining(e -> summary.put(e.getKey(), e.getValue().asInt()));
        List<Map<String, Object>> filters = new ArrayList<>();
        for (String v : Views.VERDICTS) {
            if (summary.getOrDefault(v, 0) == 0) continue;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("badge", Views.badge(v));
            f.put("count", summary.get(v));
            f.put("active", v.equals(filter));
            filters.add(f);
        }
        m.put("filters", filters);
        m.put("filter", filter == null ? null : Views.badge(filter));
        m.put("decrees", Views.decrees(report, filter));
        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(e.asText()));
        m.put("ruleErrors", errors);
        m.put("stored", services.history() != null && history().report(report.path("decisionId").asText()).isPresent());
        render(ctx, s, 200, "report", m);
    }

    private void reportDownload(Context ctx, Sessions.Session s, String format) throws IOException {
        if (noStore(ctx, s)) return;
        String id = ctx.pathParam("id");
        String report = history().report(id).orElse(null);
        if (report == null) {
            notFound(ctx, s, "Нет сохранённой проверки с таким номером.");
            return;
        }
        JsonNode r = Json.mapper().readTree(report);
        switch (format) {
            case "csv" -> download(ctx, "audit-" + id + ".csv", Csv.CONTENT_TYPE, ReportCsv.of(r).bytes());
            case "xlsx" -> download(ctx, "audit-" + id + ".xlsx", SheetIntake.XLSX, ResultWorkbooks.report(r));
            default -> download(ctx, "audit-" + id + ".json", "application/json; charset=utf-8", report.getBytes(StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------------------------------- organizations

    private void organizations(Context ctx, Sessions.Session s) throws IOException {
        if (noStore(ctx, s)) return;
        String q = ctx.queryParam("q");
        String query = q == null ? "" : Views.fold(q.strip());
        List<Map<String, Object>> rows = new ArrayList<>();
        int total = 0;
        for (StoredAudit a : history().organizations()) {
            total++;
            if (!query.isEmpty() && !Views.fold(String.valueOf(a.organizationName()) + " " + a.municipality() + " " + a.organizationKey()).contains(query)) continue;
            if (rows.size() >= 500) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("key", a.organizationKey());
            r.put("href", "/organizations/" + enc(a.organizationKey()));
            r.put("again", "/audits/new?org=" + enc(a.organizationKey()));
            r.put("name", a.organizationName());
            r.put("municipality", a.municipality());
            r.put("kind", a.organizationKind() == null ? "—" : ru.edu.auditor.law.catalog.OrgKinds.label(a.organizationKind()));
            r.put("asOf", Fmt.date(a.asOf()));
            r.put("decisionId", a.decisionId());
            r.put("status", Views.statusBadge(a.status()));
            rows.add(r);
        }
        Map<String, Object> m = model("organizations");
        m.put("rows", rows);
        m.put("q", q == null ? "" : q);
        m.put("total", Ru.organizations(total));
        m.put("shown", rows.size());
        render(ctx, s, 200, "organizations", m);
    }

    private void organization(Context ctx, Sessions.Session s) throws IOException {
        if (noStore(ctx, s)) return;
        OrganizationHistory h = history().organization(ctx.pathParam("key")).orElse(null);
        if (h == null) {
            notFound(ctx, s, "Нет сохранённых проверок этой организации.");
            return;
        }
        Map<String, Object> m = model("organizations");
        m.put("h", h);
        m.put("again", "/audits/new?org=" + enc(h.organizationKey()));
        m.put("template", "/templates/organization.xlsx?org=" + enc(h.organizationKey()));
        m.put("xlsx", "/organizations/" + enc(h.organizationKey()) + "/history.xlsx");
        m.put("count", Ru.audits(h.audits().size()));
        m.put("chart", Views.history(h));
        List<Map<String, Object>> audits = new ArrayList<>();
        for (OrganizationHistory.Entry e : h.audits()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("decisionId", e.decisionId());
            a.put("asOf", Fmt.date(e.asOf()));
            a.put("status", Views.statusBadge(e.status()));
            a.put("rulesVersion", e.rulesVersion());
            a.put("by", e.submittedBy());
            audits.add(a);
        }
        m.put("audits", audits);
        // the matrix shows the latest audits: a long history stays readable (and the page fast)
        int from = Math.max(0, h.audits().size() - 12);
        OrganizationHistory recent = new OrganizationHistory(h.organizationKey(), h.name(), h.municipality(),
                h.audits().subList(from, h.audits().size()), h.changes());
        m.put("matrixDates", recent.audits().stream().map(e -> Fmt.date(e.asOf())).toList());
        m.put("matrixIds", recent.audits().stream().map(OrganizationHistory.Entry::decisionId).toList());
        m.put("matrix", Views.matrix(recent));
        m.put("matrixNote", from > 0 ? "Показаны последние " + recent.audits().size() + " из " + Ru.audits(h.audits().size()) + "." : null);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int i = h.changes().size() - 1; i >= 0 && changes.size() < 30; i--) {
            OrganizationHistory.Change c = h.changes().get(i);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("decree", c.decree());
            x.put("clause", c.clause());
            x.put("from", Views.badge(c.from()));
            x.put("to", Views.badge(c.to()));
            x.put("asOf", Fmt.date(c.asOf()));
            x.put("decisionId", c.decisionId());
            changes.add(x);
        }
        m.put("changes", changes);
        render(ctx, s, 200, "organization", m);
    }

    // ------------------------------------------------------------------------------------------- district

    private void district(Context ctx, Sessions.Session s) throws IOException {
        if (noStore(ctx, s)) return;
        Map<String, Object> m = model("district");
        m.put("municipalities", history().municipalities().values());
        String municipality = ctx.queryParam("municipality");
        String asOfParam = ctx.queryParam("asOf");
        LocalDate asOf = asOfParam == null || asOfParam.isBlank() ? LocalDate.now() : FormSchema.date(asOfParam.strip());
        m.put("municipality", municipality == null ? "" : municipality);
        m.put("asOf", asOf == null ? asOfParam : Fmt.date(asOf));
        if (asOf == null) {
            m.put("asOfError", "ожидается дата ДД.ММ.ГГГГ, получено «" + asOfParam + "»");
            render(ctx, s, 400, "district", m);
            return;
        }
        if (municipality == null || municipality.isBlank()) {
            render(ctx, s, 200, "district", m);
            return;
        }
        String sort = ctx.queryParam("sort");
        history().rollup(municipality.strip(), null, asOf, r -> {
            m.put("rollup", r);
            m.put("organizationsCount", Ru.organizations(r.organizations()));
            Rollup.PlatformShare p = r.platformUse();
            m.put("platform", p);
            m.put("platformShare", p == null || p.share() == null ? "—" : Fmt.share(p.using(), p.generalOrganizations()));
            List<Map<String, Object>> decrees = new ArrayList<>();
            for (Rollup.DecreeRollup d : r.decrees()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("d", d);
                x.put("chart", Views.rollup(d));
                List<Map<String, Object>> clauses = new ArrayList<>();
                for (Rollup.ClauseRollup c : d.clauses()) {
                    Map<String, Object> y = new LinkedHashMap<>();
                    y.put("clause", c.clause());
                    y.put("kind", Labels.clauseKind(c.kind()));
                    y.put("counts", c.counts());
                    y.put("share", Fmt.share(c.compliant(), c.addressed()));
                    clauses.add(y);
                }
                x.put("clauses", clauses);
                decrees.add(x);
            }
            m.put("decrees", decrees);
            m.put("verdicts", Views.VERDICTS.stream().map(Views::badge).toList());
            List<Map<String, Object>> orgs = new ArrayList<>();
            for (Rollup.OrganizationLine o : r.organizationList()) {
                if (orgs.size() >= 2000) continue; // the full list is in the CSV and .xlsx
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("name", o.name());
                y.put("key", o.organizationKey());
                y.put("href", "/organizations/" + enc(o.organizationKey()));
                y.put("kind", o.kind() == null ? "—" : ru.edu.auditor.law.catalog.OrgKinds.label(o.kind()));
                y.put("decisionId", o.decisionId());
                y.put("asOf", Fmt.date(o.asOf()));
                y.put("asOfIso", String.valueOf(o.asOf()));
                y.put("statusCode", o.status());
                y.put("status", Views.statusBadge(o.status()));
                y.put("usesPlatform", o.usesPlatform() == null ? "нет сведений" : o.usesPlatform() ? "да" : "нет");
                orgs.add(y);
            }
            Comparator<Map<String, Object>> order = switch (sort == null ? "" : sort) {
                case "status" -> Comparator.comparing(x -> String.valueOf(x.get("statusCode")));
                case "date" -> Comparator.comparing((Map<String, Object> x) -> String.valueOf(x.get("asOfIso"))).reversed();
                case "kind" -> Comparator.comparing(x -> String.valueOf(x.get("kind")));
                default -> Comparator.comparing(x -> String.valueOf(x.get("name")));
            };
            orgs.sort(order);
            m.put("orgs", orgs);
            m.put("sort", sort == null ? "name" : sort);
            m.put("query", "municipality=" + URLEncoder.encode(municipality.strip(), StandardCharsets.UTF_8) + "&asOf=" + asOf);
            return null;
        });
        render(ctx, s, 200, "district", m);
    }

    private void districtDownload(Context ctx, Sessions.Session s, String format) throws IOException {
        if (noStore(ctx, s)) return;
        String municipality = ctx.queryParam("municipality");
        LocalDate asOf = ctx.queryParam("asOf") == null ? LocalDate.now() : FormSchema.date(ctx.queryParam("asOf"));
        if (municipality == null || municipality.isBlank() || asOf == null) {
            notFound(ctx, s, "Выберите муниципальное образование и дату на странице «Район».");
            return;
        }
        history().rollup(municipality.strip(), null, asOf, r -> {
            if (format.equals("xlsx")) download(ctx, "Сводка района " + asOf + ".xlsx", SheetIntake.XLSX, ResultWorkbooks.rollup(r));
            else download(ctx, "rollup-" + asOf + ".csv", Csv.CONTENT_TYPE, RollupCsv.of(r).bytes());
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------- batch

    private void startBatch(Context ctx, Sessions.Session s) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            Map<String, Object> m = model("batch");
            m.put("error", "Выберите файл: NDJSON (одна строка — сведения об одной организации) или книгу Excel с формой района.");
            render(ctx, s, 400, "batch", m);
            return;
        }
        String name = file.filename() == null ? "" : file.filename();
        boolean workbook = name.toLowerCase(Locale.ROOT).endsWith(".xlsx") || SheetIntake.isXlsx(file.contentType());
        Path tmp;
        try (InputStream in = file.content()) {
            if (workbook) {
                try {
                    tmp = SheetIntake.spool(in);
                } catch (WorkbookRejected e) {
                    Map<String, Object> m = model("batch");
                    m.put("error", e.title() + ": " + e.detail());
                    render(ctx, s, Views.status(e.reason()), "batch", m);
                    return;
                }
            } else {
                tmp = Files.createTempFile("workspace-batch-", ".ndjson");
                long n = Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                if (n > MAX_UPLOAD_BYTES) {
                    Files.deleteIfExists(tmp);
                    Map<String, Object> m = model("batch");
                    m.put("error", "Файл больше 64 МиБ. Разделите его на части или отправьте через API (POST /api/v1/audits/batch).");
                    render(ctx, s, 413, "batch", m);
                    return;
                }
            }
        }
        BatchJobs.Job job = batches.start(tmp, workbook, name, services.audits(), s.who().name());
        ctx.redirect("/batch/" + job.id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void batchPage(Context ctx, Sessions.Session s, String template) throws IOException {
        BatchJobs.Job job = batches.find(ctx.pathParam("id"));
        if (job == null || !job.owner.equals(s.who().name())) {
            notFound(ctx, s, "Нет такого пакета (или он загружен другим пользователем).");
            return;
        }
        Map<String, Object> m = model("batch");
        m.put("job", job);
        m.put("id", job.id);
        m.put("fileName", job.fileName);
        long total = job.total;
        boolean finished = job.finished;
        long done = job.done.get();
        m.put("finished", finished);
        m.put("done", done);
        m.put("total", total < 0 ? (finished ? done : 0) : total);
        m.put("percent", job.percent());
        m.put("audited", job.audited.get());
        m.put("bad", job.bad.get());
        m.put("progressText", (total < 0 ? Ru.lines(done) + " проверено" : "Проверено " + done + " из " + Ru.lines(total))
                + ", " + Ru.errors(job.bad.get()) + (finished ? "" : " на данный момент"));
        m.put("failure", job.failure);
        if (finished) {
            List<Map<String, Object>> bad = new ArrayList<>();
            for (BatchJobs.BadLine b : job.badLines()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("line", b.line());
                x.put("errors", b.errors().stream().map(p -> (p.cell() != null ? p.cell() + " " : "") + (p.path() == null ? "" : p.path()) + ": " + p.message()).toList());
                bad.add(x);
            }
            m.put("badLines", bad);
            String municipality = job.municipality();
            if (municipality != null) {
                m.put("districtLink", "/district?municipality=" + URLEncoder.encode(municipality, StandardCharsets.UTF_8)
                        + "&asOf=" + (job.latestAsOf == null ? LocalDate.now() : job.latestAsOf));
                m.put("municipality", municipality);
            }
        }
        render(ctx, s, 200, template, m);
    }

    // ------------------------------------------------------------------------------------------- rules

    private void rules(Context ctx, Sessions.Session s) throws IOException {
        rules(ctx, s, 200, model("rules"));
    }

    private void rules(Context ctx, Sessions.Session s, int status, Map<String, Object> m) throws IOException {
        RuleReloader.Status st = services.reloader().status();
        m.put("candidateRoot", ImpactJobs.root(st.rulesDir()));
        m.put("hasStore", services.history() != null);
        m.put("current", st.current().version());
        m.put("loadedAt", instant(st.current().loadedAt()));
        m.put("dir", st.rulesDir());
        m.put("watching", st.watching());
        List<Map<String, String>> versions = new ArrayList<>();
        for (RuleReloader.Version v : st.versions()) versions.add(Map.of("version", v.version(), "loadedAt", instant(v.loadedAt())));
        m.put("versions", versions);
        RuleReloader.Attempt a = st.lastAttempt();
        if (a != null) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("at", instant(a.at()));
            x.put("trigger", a.trigger());
            x.put("outcome", switch (a.outcome()) {
                case "loaded" -> "загружены";
                case "unchanged" -> "без изменений";
                case "rejected" -> "отклонены, действуют прежние правила";
                default -> a.outcome();
            });
            x.put("rejected", "rejected".equals(a.outcome()));
            x.put("version", a.version());
            x.put("millis", a.millis());
            x.put("problems", a.problems().stream().map(p -> Map.of("where", p.file() + ":" + p.line() + ":" + p.column(), "message", p.message())).toList());
            m.put("attempt", x);
        }
        render(ctx, s, status, "rules", m);
    }

    // ------------------------------------------------------------------------------------------- replay and impact

    private void replay(Context ctx, Sessions.Session s) throws IOException {
        if (noStore(ctx, s)) return;
        String id = ctx.pathParam("id");
        Map<String, Object> m = model("organizations");
        m.put("decisionId", id);
        m.put("reportHref", "/reports/" + enc(id));
        Replays.Result r;
        try {
            r = history().replays().replay(id).orElse(null);
        } catch (RulesArchive.Tampered | Replays.NotArchived e) {
            m.put("refused", e.getMessage());
            render(ctx, s, 409, "replay", m);
            return;
        } catch (Replays.FactsNoLongerValid | Replays.NotCompilable e) {
            m.put("refused", e.getMessage());
            render(ctx, s, 422, "replay", m);
            return;
        }
        if (r == null) {
            notFound(ctx, s, "Нет сохранённой проверки с таким номером.");
            return;
        }
        m.put("organizationName", r.organization());
        m.put("asOf", Fmt.date(r.asOf()));
        m.put("rulesVersion", r.rulesVersion());
        m.put("identical", r.identical());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Replays.Difference d : r.differences()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("decree", d.decree() == null ? "весь отчёт" : d.decree());
            x.put("clause", d.clause() == null ? "—" : d.clause());
            x.put("field", replayField(d.field()));
            x.put("was", replayValue(d.field(), d.stored()));
            x.put("now", replayValue(d.field(), d.replayed()));
            rows.add(x);
        }
        m.put("differences", rows);
        m.put("differencesCount", Plural.count(rows.size(), "расхождение", "расхождения", "расхождений"));
        render(ctx, s, 200, "replay", m);
    }

    private static String replayField(String f) {
        return switch (f) {
            case "status" -> "вердикт";
            case "explanation" -> "объяснение";
            case "evidence" -> "сведения";
            case "summary" -> "итоги";
            case "errors" -> "ошибки правил";
            case "rulesVersion" -> "версия правил";
            case "clause" -> "пункт";
            case "decree" -> "решение";
            default -> f;
        };
    }

    private static String replayValue(String field, JsonNode v) {
        if (v == null || v.isNull()) return "нет";
        if ("status".equals(field) && v.isTextual()) {
            String t = v.asText();
            return Labels.VERDICTS.containsKey(t) ? Labels.verdict(t) : Labels.status(t);
        }
        if (v.isTextual()) return v.asText();
        String json = v.toString();
        return json.length() > 600 ? json.substring(0, 600) + "…" : json;
    }

    private void startImpact(Context ctx, Sessions.Session s) throws IOException {
        if (noStore(ctx, s)) return;
        String folder = ctx.formParam("folder");
        String municipality = ctx.formParam("municipality");
        municipality = municipality == null || municipality.isBlank() ? null : municipality.strip();
        Map<String, Object> m = model("rules");
        m.put("folder", folder == null ? "" : folder);
        m.put("municipalityValue", municipality == null ? "" : municipality);
        List<String> errors = new ArrayList<>();
        Path dir = ImpactJobs.candidateFolder(services.reloader().status().rulesDir(), folder, errors);
        if (dir == null) {
            m.put("impactErrors", errors);
            rules(ctx, s, 400, m);
            return;
        }
        ImpactJobs.Job job = impacts.start(dir, folder.strip(), municipality, history(), s.who().name());
        if (job == null) {
            m.put("impactErrors", List.of("оценка влияния уже выполняется; дождитесь её окончания и повторите"));
            rules(ctx, s, 409, m);
            return;
        }
        ctx.redirect("/rules/impact/" + job.id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void impactPage(Context ctx, Sessions.Session s, String template) throws IOException {
        ImpactJobs.Job job = impacts.find(ctx.pathParam("id"));
        if (job == null || !job.owner.equals(s.who().name())) {
            notFound(ctx, s, "Нет такой оценки влияния (или её запускал другой пользователь).");
            return;
        }
        Map<String, Object> m = model("rules");
        m.put("id", job.id);
        m.put("folder", job.folder);
        m.put("municipality", job.municipality);
        m.put("finished", job.finished);
        m.put("stage", job.stage);
        m.put("elapsed", Plural.count(job.seconds(), "секунда", "секунды", "секунд"));
        m.put("failure", job.failure);
        if (job.invalid != null) m.put("invalid", ImpactJobs.problems(job.invalid));
        Impact.Result r = job.result;
        if (r != null) {
            m.put("liveVersion", r.liveVersion());
            m.put("candidateVersion", r.candidateVersion());
            m.put("same", r.liveVersion().equals(r.candidateVersion()));
            m.put("organizations", Ru.organizations(r.organizations()));
            m.put("changedCount", r.changedOrganizations());
            m.put("changedText", r.changedOrganizations() == 0 ? "Ни у одной организации вердикты не меняются."
                    : "Вердикты меняются у " + Plural.count(r.changedOrganizations(), "организации", "организаций", "организаций")
                    + " из " + r.organizations() + ".");
            m.put("millis", r.millis());
            m.put("failed", r.failed());
            m.put("failures", r.failures());
            m.put("truncated", r.truncated());
            List<Map<String, Object>> clauses = new ArrayList<>();
            for (Impact.ClauseImpact c : r.clauses()) {
                if (c.transitions().isEmpty() && c.explanationOnly() == 0) continue;
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("decree", c.decree());
                x.put("clause", c.clause());
                x.put("transitions", c.transitions().entrySet().stream().map(e -> transition(e.getKey()) + ": " + e.getValue()).toList());
                x.put("unchanged", c.unchanged());
                x.put("explanationOnly", c.explanationOnly());
                clauses.add(x);
            }
            m.put("clauses", clauses);
            List<Map<String, Object>> orgs = new ArrayList<>();
            for (Impact.Organization o : r.changed()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", o.name());
                x.put("municipality", o.municipality());
                x.put("href", "/reports/" + enc(o.decisionId()));
                x.put("asOf", Fmt.date(o.asOf()));
                x.put("oldStatus", Views.statusBadge(o.oldStatus()));
                x.put("newStatus", Views.statusBadge(o.newStatus()));
                List<Map<String, Object>> changes = new ArrayList<>();
                for (Impact.Change c : o.changes()) {
                    Map<String, Object> y = new LinkedHashMap<>();
                    y.put("decree", c.decree());
                    y.put("clause", c.clause());
                    y.put("from", verdictLabel(c.from()));
                    y.put("to", verdictLabel(c.to()));
                    y.put("oldExplanation", c.oldExplanation() == null ? "—" : c.oldExplanation());
                    y.put("newExplanation", c.newExplanation() == null ? "—" : c.newExplanation());
                    changes.add(y);
                }
                x.put("changes", changes);
                orgs.add(x);
            }
            m.put("orgs", orgs);
        }
        render(ctx, s, 200, template, m);
    }

    private static String verdictLabel(String v) { return Impact.NONE.equals(v) ? "не оценивается" : Labels.verdict(v); }

    private static String transition(String key) {
        String[] ft = key.split("→", 2);
        return ft.length < 2 ? key : verdictLabel(ft[0]) + " → " + verdictLabel(ft[1]);
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private static String instant(java.time.Instant i) {
        if (i == null) return "—";
        java.time.ZonedDateTime z = i.atZone(java.time.ZoneId.systemDefault());
        return Fmt.date(z.toLocalDate()) + " " + String.format("%02d:%02d:%02d", z.getHour(), z.getMinute(), z.getSecond());
    }
}
