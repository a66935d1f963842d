package ru.edu.auditor.api;

import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.util.Set;
import ru.edu.auditor.service.access.Access;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.record.Origin;

/**
 * The API's one gate: every protected route is registered with what it needs ({@link Needs}) and this single
 * {@code beforeMatched} handler asks {@link Access} before the route runs: 401 without a valid bearer token, 403
 * with too small a role, 429 (with Retry-After) after too many wrong tokens from the caller's address. A HEAD request is judged by the GET route that answers it. The admitted caller is left
 * under {@link ApiServer#PRINCIPAL}.
 */
public final class ApiGuard {
    /** What an API route needs: a bearer token whose role includes {@code role}. */
    public record Needs(Role role) implements RouteRole { }

    /** A school's own routes: its audit form, its reports, acts and history (the services keep it to its organization). */
    public static final Needs SCHOOL = new Needs(Role.school);
    public static final Needs AUDITOR = new Needs(Role.auditor);
    public static final Needs RULE_AUTHOR = new Needs(Role.rule_author);
    public static final Needs ADMIN = new Needs(Role.admin);

    private ApiGuard() { }

    /** Installs the gate on a server's configuration (before its front ends' routes and the HEAD handling). */
    public static void install(JavalinConfig config, Tokens tokens) {
        JavalinState state = config.unsafe;
        config.routes.beforeMatched(ctx -> {
            Needs needs = needs(ctx, state);
            if (needs == null) return; // a public route, or a workspace page (the workspace has its own gate)
            Origin.set(ctx.ip()); // «from where» of the change record's entries this request appends
            String header = ctx.header("Authorization");
            String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
            Access.Attempt attempt = Access.authenticate(tokens, secret, ctx.ip());
            if (attempt instanceof Access.Throttled t) {
                ctx.header("Retry-After", String.valueOf(t.retryAfterSeconds()));
                ApiServer.problem(ctx, Problem.of(429, "Слишком много неудачных попыток", "С этого адреса слишком часто приходили неверные токены; "
                        + "токен не проверен. Повторите " + t.inWords() + "."));
                ctx.skipRemainingHandlers();
                return;
            }
            Tokens.Principal who = attempt instanceof Access.Admitted a ? a.who() : null;
            switch (Access.decide(who, needs.role())) {
                case UNKNOWN_CALLER -> {
                    ctx.header("WWW-Authenticate", "Bearer");
                    ApiServer.problem(ctx, Problem.of(401, "Нужна авторизация", secret == null
                            ? "Передайте токен в заголовке Authorization: Bearer <токен>."
                            : "Токен не распознан."));
                    ctx.skipRemainingHandlers();
                }
                case FORBIDDEN -> {
                    ApiServer.problem(ctx, Problem.of(403, "Недостаточно прав", "Роли «" + who.role().label() + "» это действие не разрешено; нужна роль «"
                            + needs.role().label() + "» или выше."));
                    ctx.skipRemainingHandlers();
                }
                case ALLOWED -> ctx.attribute(ApiServer.PRINCIPAL, who);
            }
        });
    }

    /** Forgets the request's origin once it is served (the thread serves other requests next). */
    public static void installAfter(JavalinConfig config) { config.routes.after(ctx -> Origin.clear()); }

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
