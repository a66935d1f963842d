package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.PersonalTokens;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.service.record.ChangeRecord;

/**
 * The pages of one's own account — «Сменить пароль», «Мои токены», «Выйти везде» — and the administration of
 * accounts (admin): the list with a form to create one, an account's page (name, e-mail, role, scope, disable or
 * enable, reset the password, its tokens with revoke) and the change record, paged. Without a store there are no
 * accounts: these pages say so.
 */
final class AccountPages {
    private static final Logger log = LoggerFactory.getLogger(AccountPages.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Europe/Moscow"));
    private static final int RECORD_PAGE = 50;
    /** The names of the fields the services report problems by, as the forms label them. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("$.login", "Логин"), Map.entry("$.displayName", "Имя"),
            Map.entry("$.email", "Электронная почта"), Map.entry("$.role", "Роль"), Map.entry("$.scope.kind", "Область видимости"),
            Map.entry("$.scope.value", "Регион, муниципалитет или организация"), Map.entry("$.password", "Новый пароль"),
            Map.entry("$.current", "Текущий пароль"), Map.entry("$.name", "Название токена"), Map.entry("$.expiresOn", "Действует по"),
            Map.entry("$", "Учётная запись"));

    /** A choice of a select list. */
    record Option(String value, String label, boolean selected) { }

    /** One account in the list. */
    record UserRow(String login, String displayName, String email, String role, String scope, String state) { }

    /** One token in a list. */
    record TokenRow(String id, String login, String name, String created, String expires, String state, boolean active) { }

    /** One entry of the change record. */
    record RecordRow(long seq, String at, String actor, String address, String summary) { }

    /** «Сменить пароль». */
    record PasswordPage(boolean forced, List<String> errors, String notice) implements Pages.View { }

    /** «Мои токены»: the list, the form, and the secret of a token just created (shown once). */
    record TokensPage(List<TokenRow> tokens, List<String> errors, String name, String expiresOn, String createdName, String secret, String notice)
            implements Pages.View { }

    /** The accounts (admin), with the form of a new one. */
    record UsersPage(List<UserRow> users, List<Option> roles, List<Option> scopes, List<String> errors, Map<String, String> form, String notice,
                     String oneTimePassword, String createdLogin) implements Pages.View { }

    /** One account (admin). */
    record UserPage(UserRow account, String scopeValue, List<Option> roles, List<Option> scopes, boolean disabled, List<TokenRow> tokens,
                    List<String> errors, String notice, String oneTimePassword) implements Pages.View { }

    /** The change record (admin). */
    record RecordPage(List<RecordRow> entries, Long next, String verification, boolean intact) implements Pages.View { }

    private final Pages pages;
    private final Sessions sessions;
    private final Tokens tokens;
    private final Accounts accounts;
    private final PersonalTokens personal;
    private final ChangeRecord record;
    private final Visibility visibility;

    AccountPages(Pages pages, Sessions sessions, Tokens tokens, ChangeRecord record, Visibility visibility) {
        this.visibility = visibility;
        this.pages = pages;
        this.sessions = sessions;
        this.tokens = tokens;
        this.accounts = tokens.accounts().orElse(null);
        this.personal = tokens.personal().orElse(null);
        this.record = record;
    }

    void register(JavalinConfig config) {
        config.routes.get("/password", pages.page(this::passwordPage), PageGuard.SCHOOL);
        config.routes.post("/password", pages.page(this::changePassword), PageGuard.SCHOOL);
        config.routes.get("/tokens", pages.page((ctx, s) -> tokensPage(ctx, s, 200, List.of(), null, null, null, null, null)), PageGuard.SCHOOL);
        config.routes.post("/tokens", pages.page(this::createToken), PageGuard.SCHOOL);
        config.routes.post("/tokens/{id}/revoke", pages.page(this::revokeOwn), PageGuard.SCHOOL);
        config.routes.post("/sessions/end-all", pages.page(this::endAll), PageGuard.SCHOOL);
        config.routes.get("/admin/users", pages.page((ctx, s) -> usersPage(ctx, s, 200, List.of(), Map.of(), null, null, null)), PageGuard.ADMIN);
        config.routes.post("/admin/users", pages.page(this::createUser), PageGuard.ADMIN);
        config.routes.get("/admin/users/{login}", pages.page((ctx, s) -> userPage(ctx, s, 200, List.of(), null, null)), PageGuard.ADMIN);
        config.routes.post("/admin/users/{login}", pages.page(this::changeUser), PageGuard.ADMIN);
        config.routes.post("/admin/users/{login}/reset-password", pages.page(this::resetPassword), PageGuard.ADMIN);
        config.routes.post("/admin/users/{login}/tokens/{id}/revoke", pages.page(this::revokeAny), PageGuard.ADMIN);
        config.routes.get("/admin/record", pages.page(this::recordPage), PageGuard.AUDITOR); // each auditor within their scope
    }

    // ---- one's own account

    private void passwordPage(Context ctx, Sessions.Session s) throws IOException {
        Accounts.Account a = own(ctx, s);
        if (a == null) return;
        pages.render(ctx, s, 200, "account-password", "password", new PasswordPage(a.mustChangePassword(), List.of(), null));
    }

    private void changePassword(Context ctx, Sessions.Session s) throws IOException {
        Accounts.Account a = own(ctx, s);
        if (a == null) return;
        String next = ctx.formParam("password");
        List<String> errors = new ArrayList<>();
        if (next != null && !next.equals(ctx.formParam("repeat"))) errors.add("Повтор пароля: не совпадает с новым паролем");
        Accounts.Outcome o = accounts.changePassword(a.login(), ctx.formParam("current"), next);
        if (!o.ok()) errors.addAll(0, messages(o.problems()));
        if (!errors.isEmpty()) {
            pages.render(ctx, s, 400, "account-password", "password", new PasswordPage(a.mustChangePassword(), errors, null));
            return;
        }
        // every session opened before the change is over; this browser gets a new one at once
        sessions.open(ctx, o.account().principal(), true);
        log.info("Workspace: {} changed their password", a.login());
        pages.render(ctx, null, 200, "account-password", "password", new PasswordPage(false, List.of(),
                "Пароль изменён. Все другие сеансы этой учётной записи завершены."));
    }

    private void tokensPage(Context ctx, Sessions.Session s, int status, List<String> errors, String name, String expiresOn, String createdName,
                            String secret, String notice) throws IOException {
        Accounts.Account a = own(ctx, s);
        if (a == null) return;
        pages.render(ctx, sessions.find(ctx).orElse(s), status, "account-tokens", "tokens", new TokensPage(rows(personal.list(a.login())), errors, name,
                expiresOn, createdName, secret, notice));
    }

    private void createToken(Context ctx, Sessions.Session s) throws IOException {
        Accounts.Account a = own(ctx, s);
        if (a == null) return;
        String name = ctx.formParam("name"), expiresOn = ctx.formParam("expiresOn");
        PersonalTokens.Created c = personal.create(a.login(), name, expiresOn);
        if (!c.ok()) {
            tokensPage(ctx, s, 400, messages(c.problems()), name, expiresOn, null, null, null);
            return;
        }
        tokensPage(ctx, s, 200, List.of(), null, null, c.token().name(), c.secret(), null);
    }

    private void revokeOwn(Context ctx, Sessions.Session s) throws IOException {
        Accounts.Account a = own(ctx, s);
        if (a == null) return;
        PersonalTokens.Token t = personal.find(ctx.pathParam("id")).filter(x -> x.login().equals(a.login())).orElse(null);
        if (t == null) {
            pages.notFound(ctx, s, "Такого токена у вас нет.");
            return;
        }
        boolean revoked = personal.revoke(t.id(), a.login());
        tokensPage(ctx, s, 200, List.of(), null, null, null, null, revoked ? "Токен «" + t.name() + "» отозван." : "Токен «" + t.name() + "» уже был отозван.");
    }

    private void endAll(Context ctx, Sessions.Session s) throws IOException {
        if (s.account() && accounts != null) accounts.endSessions(s.who().name(), s.who().name());
        int ended = sessions.closeAll(s.who().name());
        sessions.close(ctx);
        log.info("Workspace: {} signed out everywhere ({} session(s))", s.who().name(), ended);
        Pages.seeOther(ctx, "/login?out=1");
    }

    // ---- administration

    private void usersPage(Context ctx, Sessions.Session s, int status, List<String> errors, Map<String, String> form, String notice, String oneTime,
                           String createdLogin) throws IOException {
        if (noAccounts(ctx, s)) return;
        List<UserRow> users = accounts.list().stream().map(AccountPages::row).toList();
        pages.render(ctx, s, status, "admin-users", "users", new UsersPage(users, roles(form.getOrDefault("role", "auditor")),
                scopes(form.getOrDefault("scopeKind", "municipality")), errors, form, notice, oneTime, createdLogin));
    }

    private void createUser(Context ctx, Sessions.Session s) throws IOException {
        if (noAccounts(ctx, s)) return;
        Map<String, String> form = new java.util.HashMap<>();
        for (String f : List.of("login", "displayName", "email", "role", "scopeKind", "scopeValue")) form.put(f, ctx.formParam(f) == null ? "" : ctx.formParam(f));
        Accounts.Outcome o = accounts.create(new Accounts.NewAccount(form.get("login"), form.get("displayName"), form.get("email"), form.get("role"),
                form.get("scopeKind"), form.get("scopeValue"), null), s.who().name());
        if (!o.ok()) {
            usersPage(ctx, s, 400, messages(o.problems()), form, null, null, null);
            return;
        }
        usersPage(ctx, s, 201, List.of(), Map.of(), "Учётная запись «" + o.account().login() + "» создана.", o.oneTimePassword(), o.account().login());
    }

    private void userPage(Context ctx, Sessions.Session s, int status, List<String> errors, String notice, String oneTime) throws IOException {
        if (noAccounts(ctx, s)) return;
        Accounts.Account a = accounts.find(ctx.pathParam("login")).orElse(null);
        if (a == null) {
            pages.notFound(ctx, s, "Учётной записи с логином «" + ctx.pathParam("login") + "» нет.");
            return;
        }
        String value = a.scope() instanceof Scope.Region r ? r.name() : a.scope() instanceof Scope.Municipality m ? m.name()
                : a.scope() instanceof Scope.Organization o ? o.key() : "";
        pages.render(ctx, s, status, "admin-user", "users", new UserPage(row(a), value, roles(a.role().name()), scopes(kind(a.scope())), a.disabled(),
                rows(personal.list(a.login())), errors, notice, oneTime));
    }

    private void changeUser(Context ctx, Sessions.Session s) throws IOException {
        if (noAccounts(ctx, s)) return;
        String action = ctx.formParam("action");
        Boolean disabled = "disable".equals(action) ? Boolean.TRUE : "enable".equals(action) ? Boolean.FALSE : null;
        Accounts.Change c = disabled != null ? new Accounts.Change(null, null, null, null, null, disabled)
                : new Accounts.Change(nonNull(ctx.formParam("displayName")), nonNull(ctx.formParam("email")), nonNull(ctx.formParam("role")),
                        nonNull(ctx.formParam("scopeKind")), nonNull(ctx.formParam("scopeValue")), null);
        Accounts.Outcome o = accounts.change(ctx.pathParam("login"), c, s.who().name()).orElse(null);
        if (o == null) {
            pages.notFound(ctx, s, "Учётной записи с логином «" + ctx.pathParam("login") + "» нет.");
            return;
        }
        if (!o.ok()) {
            userPage(ctx, s, 400, messages(o.problems()), null, null);
            return;
        }
        userPage(ctx, s, 200, List.of(), disabled == null ? "Изменения сохранены." : disabled ? "Учётная запись отключена: её сеансы и токены больше не действуют."
                : "Учётная запись снова включена.", null);
    }

    private void resetPassword(Context ctx, Sessions.Session s) throws IOException {
        if (noAccounts(ctx, s)) return;
        Accounts.Outcome o = accounts.resetPassword(ctx.pathParam("login"), s.who().name()).orElse(null);
        if (o == null) {
            pages.notFound(ctx, s, "Учётной записи с логином «" + ctx.pathParam("login") + "» нет.");
            return;
        }
        userPage(ctx, s, 200, List.of(), "Пароль сброшен; сеансы учётной записи завершены.", o.oneTimePassword());
    }

    private void revokeAny(Context ctx, Sessions.Session s) throws IOException {
        if (noAccounts(ctx, s)) return;
        PersonalTokens.Token t = personal.find(ctx.pathParam("id")).filter(x -> x.login().equals(ctx.pathParam("login"))).orElse(null);
        if (t == null) {
            pages.notFound(ctx, s, "Такого токена у этой учётной записи нет.");
            return;
        }
        boolean revoked = personal.revoke(t.id(), s.who().name());
        userPage(ctx, s, 200, List.of(), revoked ? "Токен «" + t.name() + "» отозван." : "Токен «" + t.name() + "» уже был отозван.", null);
    }

    private void recordPage(Context ctx, Sessions.Session s) throws IOException {
        if (noAccounts(ctx, s)) return;
        Long before = null;
        String b = ctx.queryParam("before");
        if (b != null) {
            try {
                before = Long.parseLong(b.strip());
            } catch (NumberFormatException e) {
                pages.error(ctx, s, 400, "Неверный адрес страницы", "Номер записи в адресе должен быть целым числом.");
                return;
            }
        }
        List<ChangeRecord.Entry> page = record.page(before, RECORD_PAGE, visibility.recordFilter(s.who()));
        List<RecordRow> rows = page.stream().map(e -> new RecordRow(e.seq(), WHEN.format(e.at()), e.actor() == null ? "—" : e.actor(),
                e.address() == null ? "—" : e.address(), e.summary())).toList();
        Long next = page.size() == RECORD_PAGE && page.get(page.size() - 1).seq() > 1 ? page.get(page.size() - 1).seq() : null;
        ChangeRecord.Verification v = ctx.queryParam("verify") != null ? record.verify() : null;
        pages.render(ctx, s, 200, "admin-record", "record", new RecordPage(rows, next, v == null ? null : v.inWords(), v == null || v.intact()));
    }

    // ---- shared

    /** The signed-in person's account; answers a page and gives null when they signed in with a configured token. */
    private Accounts.Account own(Context ctx, Sessions.Session s) throws IOException {
        if (noAccounts(ctx, s)) return null;
        Accounts.Account a = s.account() ? accounts.find(s.who().name()).orElse(null) : null;
        if (a == null) {
            pages.error(ctx, s, 409, "Нет учётной записи", "Вы вошли по токену из настроек сервера: у него нет пароля и личных токенов."
                    + " Войдите под своей учётной записью (логин и пароль) или попросите администратора её создать.");
        }
        return a;
    }

    private boolean noAccounts(Context ctx, Sessions.Session s) throws IOException {
        // the record is read within one's scope (Visibility.recordFilter); the accounts are the whole installation's
        boolean installationOnly = ctx.path().startsWith("/admin/") && !ctx.path().equals("/admin/record");
        if (accounts != null && personal != null && (!installationOnly || s.who().scope() instanceof Scope.Everything)) return false;
        if (accounts != null && personal != null) {
            pages.error(ctx, s, 403, "Недостаточно прав", "Учётными записями распоряжается администратор всей установки; ваша область доступа — "
                    + s.who().scope().inWords() + ".");
            return true;
        }
        pages.error(ctx, s, 503, "Учётных записей нет", "Сервер запущен без хранилища: учётные записи и журнал изменений хранятся в нём.");
        return true;
    }

    private static String nonNull(String v) { return v == null ? null : v; }

    private static List<String> messages(List<FieldProblem> problems) {
        return problems.stream().map(p -> LABELS.getOrDefault(p.path(), "Поле") + ": " + p.message()).toList();
    }

    private static List<TokenRow> rows(List<PersonalTokens.Token> tokens) {
        Instant now = Instant.now();
        return tokens.stream().map(t -> new TokenRow(t.id(), t.login(), t.name(), WHEN.format(t.createdAt()),
                t.expiresAt() == null ? "без срока" : "по " + ru.edu.auditor.text.Fmt.date(t.expiresAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1)),
                t.revokedAt() != null ? "отозван " + WHEN.format(t.revokedAt()) + (t.revokedBy() == null ? "" : " (" + t.revokedBy() + ")") : t.state(),
                t.active(now))).toList();
    }

    static String roleName(Role r) {
        return switch (r) {
            case school -> "школа";
            case auditor -> "аудитор";
            case rule_author -> "автор правил";
            case admin -> "администратор";
        };
    }

    private static String kind(Scope s) {
        return s instanceof Scope.Region ? "region" : s instanceof Scope.Municipality ? "municipality" : s instanceof Scope.Organization ? "organization" : "everything";
    }

    private static List<Option> roles(String selected) {
        List<Option> out = new ArrayList<>();
        for (Role r : Role.values()) out.add(new Option(r.label(), roleName(r), r.name().equals(selected) || r.label().equals(selected)));
        return out;
    }

    private static List<Option> scopes(String selected) {
        return List.of(new Option("everything", "вся установка", "everything".equals(selected)), new Option("region", "регион", "region".equals(selected)),
                new Option("municipality", "муниципалитет", "municipality".equals(selected)),
                new Option("organization", "организация (ключ)", "organization".equals(selected)));
    }

    private static UserRow row(Accounts.Account a) {
        return new UserRow(a.login(), a.displayName(), a.email() == null ? "—" : a.email(), roleName(a.role()), a.scope().inWords(),
                a.disabled() ? "отключена" : a.mustChangePassword() ? "ждёт смены пароля" : "действует");
    }
}
