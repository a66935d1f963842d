package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import ru.edu.auditor.service.access.Access;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.record.Origin;

/**
 * The workspace's one gate: every page route is registered with the role it needs ({@link Needs}), and this single
 * {@code beforeMatched} handler asks {@link Access} before the page runs. Without a session a GET is sent to the
 * sign-in page (and back afterwards), a form gets 401; too small a role gets 403; a form without this session's
 * CSRF token gets 403. All in Russian, all with the page headers.
 */
final class PageGuard {
    /** The attribute under which a page finds the admitted session. */
    static final String SESSION = "workspace.session";

    /** What a workspace route needs: a session whose role includes {@code role}. */
    record Needs(Role role) implements RouteRole { }

    /** A school's own pages: its audit form and upload, its reports, acts and history (the services keep it to its organization). */
    static final Needs SCHOOL = new Needs(Role.school);
    static final Needs AUDITOR = new Needs(Role.auditor);
    static final Needs ADMIN = new Needs(Role.admin);
    static final Needs RULE_AUTHOR = new Needs(Role.rule_author);

    private PageGuard() { }

    /** Pages a person who must change a one-time password may still open. */
    private static final Set<String> WHILE_CHANGING = Set.of("/password", "/logout");

    static void install(JavalinConfig config, Sessions sessions, Pages pages, Accounts accounts) {
        JavalinState state = config.unsafe;
        config.routes.beforeMatched(ctx -> {
            Needs needs = needs(ctx, state);
            if (needs == null) return; // not a workspace page (the API's routes have their own gate)
            Pages.headers(ctx);
            Origin.set(ctx.ip()); // «from where» of the change record's entries; cleared after every request (ApiGuard)
            Sessions.Session s = sessions.find(ctx).orElse(null);
            Accounts.Account account = null;
            if (s != null && s.account()) {
                // an account's session follows the account: disabled or its sessions ended — over; role and scope as they are now
                account = accounts == null ? null : accounts.find(s.who().name()).orElse(null);
                if (account == null || account.disabled() || account.sessionsAfter() != null && !account.sessionsAfter().isBefore(s.opened())) {
                    sessions.close(ctx);
                    s = null;
                } else {
                    s = sessions.refresh(s, account.principal());
                }
            }
            if (s != null && account != null && account.mustChangePassword() && !WHILE_CHANGING.contains(ctx.path())) {
                if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) Pages.seeOther(ctx, "/password");
                else pages.error(ctx, s, 403, "Смените пароль", "Вы вошли с одноразовым паролем: сначала задайте свой пароль на странице «Сменить пароль».");
                ctx.skipRemainingHandlers();
                return;
            }
            switch (Access.decide(s == null ? null : s.who(), needs.role())) {
                case UNKNOWN_CALLER -> {
                    if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
                        Pages.seeOther(ctx, "/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
                    } else {
                        pages.error(ctx, null, 401, "Нужно войти",
                                "Сеанс закончился или вы не вошли. Войдите снова; введённые данные этой формы не сохранены.");
                    }
                    ctx.skipRemainingHandlers();
                    return;
                }
                case FORBIDDEN -> {
                    pages.error(ctx, s, 403, "Недостаточно прав", "Роли «" + s.who().role().label() + "» эта страница недоступна; нужна роль «"
                            + needs.role().label() + "» или выше. Обратитесь к администратору аудитора.");
                    ctx.skipRemainingHandlers();
                    return;
                }
                case ALLOWED -> { }
            }
            if (ctx.method() == HandlerType.POST && !Sessions.csrfValid(s, ctx.formParam("csrf"))) {
                pages.error(ctx, s, 403, "Форма не принята", "Форма отправлена не со страницы аудитора или устарела. Откройте страницу заново и повторите.");
                ctx.skipRemainingHandlers();
                return;
            }
            ctx.attribute(SESSION, s);
        });
    }

    /** The workspace requirement of the matched route; a HEAD request is judged by its GET route (which answers it). */
    private static Needs needs(Context ctx, JavalinState state) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (ctx.method() == HandlerType.HEAD) {
            ParsedEndpoint get = state.internalRouter.findFirstHttpHandlerEntry(HandlerType.GET, ctx.path());
            Roles r = get == null ? null : get.endpoint.metadata(Roles.class);
            roles = r == null ? Set.of() : r.getRoles();
        }
        for (RouteRole r : roles) if (r instanceof Needs n) return n;
        return null;
    }
}
