package ru.edu.auditor.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.StoreOutage;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.text.Fmt;

/**
 * What every page group shares: rendering a template with its typed view model, the headers every page is sent
 * with, the error pages (in Russian, never a stack), downloads. A page handler gets the signed-in session that
 * {@link PageGuard} admitted.
 */
final class Pages {
    private static final Logger log = LoggerFactory.getLogger(Pages.class);
    private static final Locale RU = Locale.forLanguageTag("ru");

    /** A page handler: runs only after {@link PageGuard} admitted the session (role and, for a form, its CSRF token). */
    @FunctionalInterface
    interface Page {
        void handle(Context ctx, Sessions.Session s) throws Exception;
    }

    /** A page's view model: a record whose components are the template's variables. */
    interface View { }

    /** The error page's view model. */
    record Message(String title, String message) implements View { }

    private final PebbleEngine pebble;
    private final HistoryQueries history;
    private final Sessions sessions;

    Pages(HistoryQueries history, Sessions sessions) {
        this.history = history;
        this.sessions = sessions;
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("web/templates");
        loader.setSuffix(".peb");
        this.pebble = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(false).defaultLocale(RU).build();
    }

    /** A page handler with the session {@link PageGuard} found; a failure becomes a Russian error page with a reference number. */
    Handler page(Page p) {
        return ctx -> {
            Sessions.Session s = ctx.attribute(PageGuard.SESSION);
            try {
                p.handle(ctx, s);
            } catch (Exception e) {
                if (StoreOutage.is(e)) {
                    log.warn("Audit store unavailable on {} {}", ctx.method(), ctx.path());
                    error(ctx, s, 503, "Хранилище проверок недоступно",
                            "Хранилище проверок сейчас недоступно, запрос не выполнен. Повторите через несколько секунд.");
                    return;
                }
                String id = UUID.randomUUID().toString();
                log.error("Workspace failure {} on {} {}", id, ctx.method(), ctx.path(), e);
                error(ctx, s, 500, "Внутренняя ошибка", "Сбой на стороне сервера; номер для обращения: " + id + ".");
            }
        };
    }

    /** The headers of every page: never cached, never framed, scripts only from the site itself. */
    static void headers(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    /** Renders {@code template} with the view's components as its variables, under the navigation item {@code nav}. */
    void render(Context ctx, Sessions.Session s, int status, String template, String nav, View view) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("nav", nav);
        for (RecordComponent c : view.getClass().getRecordComponents()) {
            try {
                model.put(c.getName(), c.getAccessor().invoke(view));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("view " + view.getClass().getSimpleName() + "." + c.getName(), e);
            }
        }
        if (s != null) {
            model.put("user", s.who().name());
            model.put("role", s.who().role().label());
            model.put("csrf", s.csrf());
            model.put("canRules", s.who().role().includes(Role.rule_author));
            model.put("canAdmin", s.who().role().includes(Role.admin));
            model.put("hasAccount", s.account());
            // a school's session shows only the pages it may open (its organization, its audit form and reports)
            model.put("canAudit", s.who().role().includes(Role.auditor));
            model.put("otherSessions", sessions.others(s));
            model.put("here", ctx.path());
        }
        StringWriter w = new StringWriter();
        pebble.getTemplate(template).evaluate(w, model, RU);
        ctx.status(status).contentType("text/html; charset=utf-8").result(w.toString());
    }

    void error(Context ctx, Sessions.Session s, int status, String title, String message) throws IOException {
        render(ctx, s, status, "error", null, new Message(title, message));
    }

    void notFound(Context ctx, Sessions.Session s, String message) throws IOException {
        error(ctx, s, 404, "Не найдено", message);
    }

    /** The store's queries; only called on pages that checked {@link #noStore} first. */
    HistoryQueries history() {
        if (history == null) throw new IllegalStateException("no audit store");
        return history;
    }

    boolean hasStore() { return history != null; }

    /** True (after answering 503 in words) when the server runs without a store. */
    boolean noStore(Context ctx, Sessions.Session s) throws IOException {
        if (history != null) return false;
        error(ctx, s, 503, "Хранилище не подключено", "Сервер запущен без хранилища проверок: история, отчёты и сводки района недоступны.");
        return true;
    }

    /** The job in the page's address if this user started it; else null, after answering 404 with {@code missing}. */
    <J extends OwnedJobs.Job> J ownedJob(Context ctx, Sessions.Session s, OwnedJobs<J> jobs, String missing) throws IOException {
        J job = jobs.find(ctx.pathParam("id"), s.who().name()).orElse(null);
        if (job == null) notFound(ctx, s, missing);
        return job;
    }

    static void seeOther(Context ctx, String location) { ctx.redirect(location, HttpStatus.SEE_OTHER); }

    static void resource(Context ctx, String path, String type) throws IOException {
        try (InputStream in = Pages.class.getResourceAsStream(path)) {
            if (in == null) {
                ctx.status(404).result("");
                return;
            }
            ctx.header("Cache-Control", "max-age=3600");
            ctx.status(200).contentType(type).result(in.readAllBytes());
        }
    }

    static void download(Context ctx, String fileName, String type, byte[] bytes) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.status(200).contentType(type).header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20")).result(bytes);
    }

    interface Writing {
        void to(OutputStream out) throws IOException;
    }

    static byte[] write(Writing w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.to(out);
        return out.toByteArray();
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    static String instant(Instant i) {
        if (i == null) return "—";
        ZonedDateTime z = i.atZone(ZoneId.systemDefault());
        return Fmt.date(z.toLocalDate()) + " " + String.format("%02d:%02d:%02d", z.getHour(), z.getMinute(), z.getSecond());
    }
}
