package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.PersonalTokens;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.text.Plural;

/**
 * Accounts, personal tokens and the change record over the API (issue 23): {@code /api/v1/users} (admin: list,
 * create, change — name, e-mail, role, scope, disabled —, reset a password, list and revoke anyone's tokens),
 * {@code /api/v1/tokens} (every signed-in account: its own tokens) and {@code /api/v1/record} (admin: the change
 * record, newest first, paged by {@code before}). Bad input is a Russian problem+json listing every field.
 */
final class AccountRoutes {
    private static final Set<String> NEW_FIELDS = Set.of("login", "displayName", "email", "role", "scope", "password");
    private static final Set<String> CHANGE_FIELDS = Set.of("displayName", "email", "role", "scope", "disabled");
    private static final Set<String> SCOPE_FIELDS = Set.of("kind", "value");
    private static final Set<String> TOKEN_FIELDS = Set.of("name", "expiresOn");

    private AccountRoutes() { }

    static void register(JavalinConfig config, Tokens tokens, ChangeRecord record, Visibility visibility) {
        Accounts accounts = tokens.accounts().orElse(null);
        PersonalTokens personal = tokens.personal().orElse(null);
        if (accounts == null || personal == null) return; // no store: no accounts
        // accounts are the installation's (whole(…)): an admin of one region or municipality could otherwise grant themselves
        // the whole installation
        config.routes.get("/api/v1/users", whole(ctx -> ApiServer.json(ctx, 200, Map.of("users", accounts.list().stream().map(AccountRoutes::view).toList()))),
                ApiGuard.ADMIN);
        config.routes.post("/api/v1/users", whole(ctx -> create(ctx, accounts)), ApiGuard.ADMIN);
        config.routes.get("/api/v1/users/{login}", whole(ctx -> {
            Accounts.Account a = accounts.find(ctx.pathParam("login")).orElse(null);
            if (a == null) noUser(ctx);
            else ApiServer.json(ctx, 200, view(a));
        }), ApiGuard.ADMIN);
        config.routes.patch("/api/v1/users/{login}", whole(ctx -> change(ctx, accounts)), ApiGuard.ADMIN);
        config.routes.post("/api/v1/users/{login}/password-reset", whole(ctx -> {
            Accounts.Outcome o = accounts.resetPassword(ctx.pathParam("login"), who(ctx)).orElse(null);
            if (o == null) {
                noUser(ctx);
                return;
            }
            Map<String, Object> out = view(o.account());
            out.put("oneTimePassword", o.oneTimePassword());
            ApiServer.json(ctx, 200, out);
        }), ApiGuard.ADMIN);
        config.routes.get("/api/v1/users/{login}/tokens", whole(ctx -> {
            Accounts.Account a = accounts.find(ctx.pathParam("login")).orElse(null);
            if (a == null) noUser(ctx);
            else ApiServer.json(ctx, 200, Map.of("tokens", personal.list(a.login()).stream().map(AccountRoutes::view).toList()));
        }), ApiGuard.ADMIN);
        config.routes.delete("/api/v1/users/{login}/tokens/{id}", whole(ctx -> {
            PersonalTokens.Token t = personal.find(ctx.pathParam("id")).orElse(null);
            Accounts.Account a = accounts.find(ctx.pathParam("login")).orElse(null);
            revoke(ctx, personal, a == null || t == null || !t.login().equals(a.login()) ? null : t);
        }), ApiGuard.ADMIN);

        config.routes.get("/api/v1/tokens", ctx -> {
            Accounts.Account a = self(ctx, accounts, tokens);
            if (a != null) ApiServer.json(ctx, 200, Map.of("tokens", personal.list(a.login()).stream().map(AccountRoutes::view).toList()));
        }, ApiGuard.SCHOOL);
        config.routes.post("/api/v1/tokens", ctx -> createToken(ctx, accounts, personal, tokens), ApiGuard.SCHOOL);
        config.routes.delete("/api/v1/tokens/{id}", ctx -> {
            Accounts.Account a = self(ctx, accounts, tokens);
            if (a == null) return;
            PersonalTokens.Token t = personal.find(ctx.pathParam("id")).orElse(null);
            revoke(ctx, personal, t == null || !t.login().equals(a.login()) ? null : t);
        }, ApiGuard.SCHOOL);

        // the record is read by every auditor, each within their scope (Visibility.recordFilter)
        config.routes.get("/api/v1/record", ctx -> record(ctx, record, visibility), ApiGuard.AUDITOR);
    }

    /** {@code h} for admins of the whole installation only; any other admin gets 403. */
    private static io.javalin.http.Handler whole(io.javalin.http.Handler h) {
        return ctx -> {
            Tokens.Principal p = ctx.attribute(ApiServer.PRINCIPAL);
            if (p != null && !(p.scope() instanceof Scope.Everything)) {
                ApiServer.problem(ctx, Problem.of(403, "Недостаточно прав", "Учётными записями и журналом изменений распоряжается администратор всей установки;"
                        + " ваша область доступа — " + p.scope().inWords() + "."));
                return;
            }
            h.handle(ctx);
        };
    }

    private static void create(Context ctx, Accounts accounts) throws JsonProcessingException {
        JsonNode body = body(ctx);
        if (body == null) return;
        List<FieldProblem> problems = new ArrayList<>();
        unknown(body, "$", NEW_FIELDS, problems);
        JsonNode scope = body.get("scope");
        if (scope != null && !scope.isNull() && !scope.isObject()) problems.add(new FieldProblem("$.scope", "ожидается объект с полями kind и value", "type"));
        else if (scope != null && scope.isObject()) unknown(scope, "$.scope", SCOPE_FIELDS, problems);
        Accounts.NewAccount in = new Accounts.NewAccount(text(body, "login", "$.login", problems), text(body, "displayName", "$.displayName", problems),
                text(body, "email", "$.email", problems), text(body, "role", "$.role", problems),
                scope == null || !scope.isObject() ? null : text(scope, "kind", "$.scope.kind", problems),
                scope == null || !scope.isObject() ? null : text(scope, "value", "$.scope.value", problems), text(body, "password", "$.password", problems));
        if (!problems.isEmpty()) {
            // every problem at once: the body's own, and the account's for the fields that were readable
            Set<String> seen = new java.util.HashSet<>(problems.stream().map(FieldProblem::path).toList());
            for (FieldProblem p : accounts.problems(in)) if (!seen.contains(p.path())) problems.add(p);
            invalid(ctx, "Учётная запись не создана", problems);
            return;
        }
        Accounts.Outcome o = accounts.create(in, who(ctx));
        if (!o.ok()) {
            invalid(ctx, "Учётная запись не создана", o.problems());
            return;
        }
        Map<String, Object> out = view(o.account());
        if (o.oneTimePassword() != null) out.put("oneTimePassword", o.oneTimePassword());
        ctx.header("Location", "/api/v1/users/" + o.account().login());
        ApiServer.json(ctx, 201, out);
    }

    private static void change(Context ctx, Accounts accounts) throws JsonProcessingException {
        if (accounts.find(ctx.pathParam("login")).isEmpty()) {
            noUser(ctx);
            return;
        }
        JsonNode body = body(ctx);
        if (body == null) return;
        List<FieldProblem> problems = new ArrayList<>();
        unknown(body, "$", CHANGE_FIELDS, problems);
        JsonNode scope = body.get("scope");
        if (scope != null && !scope.isObject()) problems.add(new FieldProblem("$.scope", "ожидается объект с полями kind и value", "type"));
        else if (scope != null) unknown(scope, "$.scope", SCOPE_FIELDS, problems);
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isBoolean()) problems.add(new FieldProblem("$.disabled", "ожидается true (отключить) или false (включить)", "type"));
        String displayName = text(body, "displayName", "$.displayName", problems);
        if (body.has("displayName") && displayName == null && problems.stream().noneMatch(p -> p.path().equals("$.displayName"))) {
            problems.add(new FieldProblem("$.displayName", "имя не может быть пустым", "required"));
        }
        String email = text(body, "email", "$.email", problems);
        if (body.has("email") && (body.get("email").isNull() || "".equals(email))) email = "";
        Accounts.Change c = new Accounts.Change(displayName, email, text(body, "role", "$.role", problems),
                scope == null || !scope.isObject() ? null : text(scope, "kind", "$.scope.kind", problems),
                scope == null || !scope.isObject() ? null : text(scope, "value", "$.scope.value", problems),
                disabled != null && disabled.isBoolean() ? disabled.booleanValue() : null);
        if (scope != null && scope.isObject() && c.scopeKind() == null && problems.stream().noneMatch(p -> p.path().startsWith("$.scope"))) {
            problems.add(new FieldProblem("$.scope.kind", "обязательное поле: область видимости (everything, region, municipality или organization)", "required"));
        }
        if (!problems.isEmpty()) {
            Set<String> seen = new java.util.HashSet<>(problems.stream().map(FieldProblem::path).toList());
            for (FieldProblem p : accounts.problems(ctx.pathParam("login"), c)) if (!seen.contains(p.path())) problems.add(p);
            invalid(ctx, "Учётная запись не изменена", problems);
            return;
        }
        Accounts.Outcome o = accounts.change(ctx.pathParam("login"), c, who(ctx)).orElse(null);
        if (o == null) noUser(ctx);
        else if (!o.ok()) invalid(ctx, "Учётная запись не изменена", o.problems());
        else ApiServer.json(ctx, 200, view(o.account()));
    }

    private static void createToken(Context ctx, Accounts accounts, PersonalTokens personal, Tokens tokens) throws JsonProcessingException {
        Accounts.Account a = self(ctx, accounts, tokens);
        if (a == null) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        List<FieldProblem> problems = new ArrayList<>();
        unknown(body, "$", TOKEN_FIELDS, problems);
        String name = text(body, "name", "$.name", problems);
        String expiresOn = text(body, "expiresOn", "$.expiresOn", problems);
        PersonalTokens.Created c = problems.isEmpty() ? personal.create(a.login(), name, expiresOn) : null;
        if (c == null || !c.ok()) {
            if (c != null) problems.addAll(c.problems());
            invalid(ctx, "Токен не создан", problems);
            return;
        }
        Map<String, Object> out = view(c.token());
        out.put("secret", c.secret());
        ctx.header("Location", "/api/v1/tokens/" + c.token().id());
        ApiServer.json(ctx, 201, out);
    }

    private static void revoke(Context ctx, PersonalTokens personal, PersonalTokens.Token t) throws JsonProcessingException {
        if (t == null) {
            ApiServer.problem(ctx, Problem.of(404, "Токен не найден", "Токена с идентификатором «" + ctx.pathParam("id") + "» нет у этой учётной записи."));
            return;
        }
        if (!personal.revoke(t.id(), who(ctx))) {
            ApiServer.problem(ctx, Problem.of(409, "Токен уже отозван", "Токен «" + t.name() + "» был отозван раньше."));
            return;
        }
        ApiServer.json(ctx, 200, view(personal.find(t.id()).orElse(t)));
    }

    private static void record(Context ctx, ChangeRecord record, Visibility visibility) throws JsonProcessingException {
        List<FieldProblem> problems = new ArrayList<>();
        Long before = number(ctx, "before", 1, Long.MAX_VALUE, problems);
        Long limit = number(ctx, "limit", 1, 1000, problems);
        if (!problems.isEmpty()) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                    "Найдено ошибок: " + problems.size() + ". Каждая указана с именем параметра.", problems));
            return;
        }
        int n = limit == null ? 100 : limit.intValue();
        List<ChangeRecord.Entry> page = record.page(before, n, visibility.recordFilter(ctx.attribute(ApiServer.PRINCIPAL)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", page);
        if (page.size() == n && page.get(page.size() - 1).seq() > 1) out.put("next", "/api/v1/record?before=" + page.get(page.size() - 1).seq() + "&limit=" + n);
        ApiServer.json(ctx, 200, out);
    }

    /** The signed-in caller's own account; answers 409 when the caller is a configured token (no account has tokens for it). */
    private static Accounts.Account self(Context ctx, Accounts accounts, Tokens tokens) {
        Tokens.Principal p = ctx.attribute(ApiServer.PRINCIPAL);
        Accounts.Account a = p == null || tokens.isConfigured(p.name()) ? null : accounts.find(p.name()).orElse(null);
        if (a == null) {
            ApiServer.problem(ctx, Problem.of(409, "Нет учётной записи", "Личные токены есть только у учётных записей; запрос пришёл с токеном из настроек сервера"
                    + " (AUDITOR_TOKENS). Войдите под своей учётной записью или попросите администратора её создать."));
        }
        return a;
    }

    private static JsonNode body(Context ctx) {
        JsonNode body = ApiServer.jsonBody(ctx);
        if (body == null) return null;
        if (!body.isObject()) {
            invalid(ctx, "Запрос не принят", List.of(new FieldProblem("$", "ожидается JSON-объект", "type")));
            return null;
        }
        return body;
    }

    private static void invalid(Context ctx, String title, List<FieldProblem> problems) {
        ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-account", title, 400,
                "Найдено " + Plural.count(problems.size(), "ошибка", "ошибки", "ошибок") + ". Каждая указана с путём к полю (JSON Path).", problems));
    }

    private static void noUser(Context ctx) {
        ApiServer.problem(ctx, Problem.of(404, "Учётная запись не найдена", "Учётной записи с логином «" + ctx.pathParam("login") + "» нет. Список: GET /api/v1/users."));
    }

    private static void unknown(JsonNode node, String path, Set<String> known, List<FieldProblem> problems) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) problems.add(new FieldProblem(path + "." + f, "неизвестное поле; допустимые: " + String.join(", ", known.stream().sorted().toList()),
                    "unknown-field"));
        });
    }

    /** A text field: absent or null — null; anything but a string — a problem. */
    private static String text(JsonNode node, String field, String path, List<FieldProblem> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            problems.add(new FieldProblem(path, "ожидается строка", "type"));
            return null;
        }
        return v.asText();
    }

    private static Long number(Context ctx, String name, long min, long max, List<FieldProblem> problems) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(name, "ожидается целое число от " + min + (max == Long.MAX_VALUE ? "" : " до " + max), "format"));
            return null;
        }
    }

    private static String who(Context ctx) {
        Tokens.Principal p = ctx.attribute(ApiServer.PRINCIPAL);
        return p == null ? null : p.name();
    }

    static Map<String, Object> view(Accounts.Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", a.login());
        m.put("displayName", a.displayName());
        m.put("email", a.email());
        m.put("role", a.role().label());
        m.put("roles", a.roles().stream().map(Role::label).toList());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("kind", a.scope() instanceof Scope.Everything ? "everything" : a.scope() instanceof Scope.Region ? "region"
                : a.scope() instanceof Scope.Municipality ? "municipality" : "organization");
        scope.put("value", a.scope() instanceof Scope.Region r ? r.name() : a.scope() instanceof Scope.Municipality mu ? mu.name()
                : a.scope() instanceof Scope.Organization o ? o.key() : null);
        scope.put("inWords", a.scope().inWords());
        m.put("scope", scope);
        m.put("disabled", a.disabled());
        m.put("mustChangePassword", a.mustChangePassword());
        m.put("createdAt", a.createdAt() == null ? null : a.createdAt().toString());
        m.put("createdBy", a.createdBy());
        m.put("changedAt", a.changedAt() == null ? null : a.changedAt().toString());
        return m;
    }

    static Map<String, Object> view(PersonalTokens.Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("login", t.login());
        m.put("name", t.name());
        m.put("createdAt", t.createdAt().toString());
        m.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        m.put("revokedBy", t.revokedBy());
        m.put("state", t.state());
        return m;
    }
}
