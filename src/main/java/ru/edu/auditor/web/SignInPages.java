package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.service.access.Access;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.record.Origin;
import ru.edu.auditor.text.LogText;

/**
 * Signing in with an API token, and out. Failed sign-ins are slowed per address ({@link Access#authenticate}, shared
 * with the API's bearer tokens); a sign-in always opens a new session id and can end the user's other sessions.
 */
final class SignInPages {
    private static final Logger log = LoggerFactory.getLogger(SignInPages.class);

    /** The sign-in page's view model. */
    record SignIn(String loginToken, String next, String notice, String error, String login, boolean accounts) implements Pages.View {
        SignIn(String loginToken, String next, String notice, String error) { this(loginToken, next, notice, error, null, true); }
    }

    private final Pages pages;
    private final Sessions sessions;
    private final Tokens tokens;

    SignInPages(Pages pages, Sessions sessions, Tokens tokens) {
        this.pages = pages;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    void register(JavalinConfig config) {
        config.routes.get("/login", this::loginPage);
        config.routes.post("/login", this::login);
        config.routes.post("/logout", pages.page((ctx, s) -> {
            sessions.close(ctx);
            Pages.seeOther(ctx, "/login?out=1");
        }), PageGuard.SCHOOL);
        config.routes.post("/sessions/end-others", pages.page((ctx, s) -> {
            int ended = sessions.closeOthers(s);
            log.info("Workspace: {} ended {} other session(s)", s.who().name(), ended);
            Pages.seeOther(ctx, ascii(safeNext(ctx.formParam("next"))));
        }), PageGuard.SCHOOL);
    }

    private void loginPage(Context ctx) throws IOException {
        Pages.headers(ctx);
        String notice = ctx.queryParam("out") != null ? "Вы вышли из аудитора." : null;
        pages.render(ctx, null, 200, "login", null, new SignIn(sessions.loginToken(ctx), safeNext(ctx.queryParam("next")), notice, null, null,
                tokens.accounts().isPresent()));
    }

    private void login(Context ctx) throws IOException {
        Pages.headers(ctx);
        String next = safeNext(ctx.formParam("next"));
        if (!Sessions.loginTokenValid(ctx, ctx.formParam("loginToken"))) {
            pages.render(ctx, null, 403, "login", null, new SignIn(sessions.loginToken(ctx), next, null,
                    "Форма входа устарела или отправлена не со страницы аудитора. Войдите ещё раз."));
            return;
        }
        String login = ctx.formParam("login");
        boolean byPassword = login != null && !login.isBlank();
        Origin.set(ctx.ip()); // a failed sign-in goes to the change record with the address it came from
        Access.Attempt attempt = byPassword ? Access.signIn(tokens, login, ctx.formParam("password"), ctx.ip())
                : Access.authenticate(tokens, ctx.formParam("token"), ctx.ip());
        String shownLogin = byPassword ? login.strip() : null;
        if (attempt instanceof Access.Throttled t) {
            log.info("Workspace sign-in from {} refused unread: too many failures", LogText.quote(ctx.ip()));
            ctx.header("Retry-After", String.valueOf(t.retryAfterSeconds()));
            pages.render(ctx, null, 429, "login", null, new SignIn(sessions.loginToken(ctx), next, null, (byPassword
                    ? "Слишком много неудачных попыток входа под этим логином или с этого адреса, поэтому вход приостановлен."
                    : "С этого адреса слишком часто вводили неверный токен, поэтому вход приостановлен.") + " Повторите " + t.inWords() + ".",
                    shownLogin, tokens.accounts().isPresent()));
            return;
        }
        if (!(attempt instanceof Access.Admitted admitted)) {
            log.info("Workspace sign-in refused from {}", LogText.quote(ctx.ip()));
            pages.render(ctx, null, 401, "login", null, new SignIn(sessions.loginToken(ctx), next, null, byPassword
                    ? "Неверный логин или пароль (или учётная запись отключена). Проверьте раскладку клавиатуры и Caps Lock."
                    : "Токен не распознан. Проверьте, что он скопирован полностью.", shownLogin, tokens.accounts().isPresent()));
            return;
        }
        Tokens.Principal who = admitted.who();
        Sessions.Session s = sessions.open(ctx, who, byPassword);
        int ended = ctx.formParam("endOthers") != null ? sessions.closeOthers(s) : 0;
        log.info("Workspace sign-in: {} ({}){}", who.name(), who.role().label(), ended > 0 ? ", other sessions ended: " + ended : "");
        boolean mustChange = byPassword && tokens.accounts().flatMap(a -> a.find(who.name())).map(a -> a.mustChangePassword()).orElse(false);
        Pages.seeOther(ctx, mustChange ? "/password" : ascii(next));
    }

    /** A Location header carries ASCII only: every other character percent-encoded as UTF-8 («?q=координатор»). */
    static String ascii(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x21 && b < 0x7f) out.append((char) b);
            else out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    /**
     * Only a path of this site, judged as a browser will read it: it starts with one «/», and neither it nor its
     * decoded form holds a control character, a backslash, «//» or a scheme («/\t/evil.example/» is read by browsers
     * as «//evil.example/»). Anything else is «/».
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/")) return "/";
        String decoded;
        try {
            decoded = URLDecoder.decode(next.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
        for (String form : new String[] {next, decoded}) {
            if (form.startsWith("//") || form.indexOf('\\') >= 0 || form.contains("://")) return "/";
            for (int i = 0; i < form.length(); i++) {
                char c = form.charAt(i);
                if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT) return "/";
                if (form == next && Character.isWhitespace(c)) return "/"; // a raw blank is never part of a path we send
            }
        }
        return next;
    }
}
