package ru.edu.auditor.service.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.store.AccountRepository;
import ru.edu.auditor.store.AccountRepository.StoredAccount;
import ru.edu.auditor.store.AuditRepository;

/**
 * People's accounts (issue 23): a login, a display name, an optional e-mail address, a password (see
 * {@link Passwords}), the highest of their roles and their scope. Creating and changing accounts checks every field
 * and answers every problem at once by field path (the API's body: {@code login}, {@code displayName}, {@code email},
 * {@code role}, {@code scope.kind}, {@code scope.value}, {@code password}); every change is appended to the
 * {@link ChangeRecord}. An account is never deleted: it is disabled, and its sessions and personal tokens stop working.
 */
public final class Accounts {
    /** Longest display name, e-mail address and scope value. */
    static final int MAX_TEXT = 200;
    private static final Pattern LOGIN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@-]{2,63}");

    private final AccountRepository store;
    private final ChangeRecord record;
    private final Passwords passwords;

    public Accounts(AuditRepository store, Passwords passwords) {
        this.store = store.accounts();
        this.record = ChangeRecord.of(store);
        this.passwords = passwords;
    }

    /** An account as the front ends show it (never its password hash). */
    public record Account(String login, String displayName, String email, Role role, Scope scope, boolean mustChangePassword, boolean disabled,
                          Instant createdAt, String createdBy, Instant changedAt, Instant sessionsAfter) {
        /** The caller this account signs in as. */
        public Tokens.Principal principal() { return new Tokens.Principal(login, role, scope); }

        /** Every role the account has (its role and those it includes), lowest first. */
        public List<Role> roles() {
            List<Role> out = new ArrayList<>();
            for (Role r : Role.values()) if (role.includes(r)) out.add(r);
            return out;
        }
    }

    /** A new account as submitted: {@code password} null or blank — a one-time password is generated. */
    public record NewAccount(String login, String displayName, String email, String role, String scopeKind, String scopeValue, String password) { }

    /** A change of an account: every null component stays as it is. */
    public record Change(String displayName, String email, String role, String scopeKind, String scopeValue, Boolean disabled) { }

    /**
     * The account created or changed, or every problem (then {@code account} is null); {@code oneTimePassword}: a
     * generated password to hand over once (null when the submitter chose it).
     */
    public record Outcome(Account account, String oneTimePassword, List<FieldProblem> problems) {
        public boolean ok() { return account != null; }
    }

    /** Whether any account exists (none: the first sign-in is by the generated admin token). */
    public boolean any() { return store.count() > 0; }

    public List<Account> list() { return store.list().stream().map(Accounts::account).toList(); }

    public Optional<Account> find(String login) {
        if (login == null || login.isBlank()) return Optional.empty();
        return store.find(normalize(login)).map(Accounts::account);
    }

    /** Creates an account by {@code actor} (a login, a token's name or «командная строка»). */
    public Outcome create(NewAccount in, String actor) { return create(in, actor, true); }

    /** What is wrong with {@code in} as a new account (nothing is created): the front end adds its own problems of form to these. */
    public List<FieldProblem> problems(NewAccount in) { return create(in, null, false).problems(); }

    private Outcome create(NewAccount in, String actor, boolean store) {
        List<FieldProblem> problems = new ArrayList<>();
        String login = in.login() == null ? null : normalize(in.login());
        if (login == null || login.isEmpty()) problems.add(new FieldProblem("$.login", "обязательное поле: логин", "required"));
        else if (!LOGIN.matcher(login).matches()) {
            problems.add(new FieldProblem("$.login", "логин — от 3 до 64 букв, цифр и знаков «.», «_», «-», «@», начинается с буквы или цифры", "format"));
        }
        String displayName = text(in.displayName(), "$.displayName", "имя", true, problems);
        String email = email(in.email(), problems);
        Role role = role(in.role(), true, problems);
        Scope scope = scope(in.scopeKind(), in.scopeValue(), true, problems);
        boolean generated = in.password() == null || in.password().isBlank();
        String password = generated ? passwords.generate() : in.password();
        if (!generated) for (String p : passwords.problems(password, login)) problems.add(new FieldProblem("$.password", p, "weak"));
        if (login != null && problems.stream().noneMatch(p -> p.path().equals("$.login")) && this.store.find(login).isPresent()) {
            problems.add(new FieldProblem("$.login", "учётная запись с логином «" + login + "» уже есть", "exists"));
        }
        if (!problems.isEmpty() || !store) return new Outcome(null, null, problems);
        Instant now = Instant.now();
        StoredAccount a = new StoredAccount(login, displayName, email, passwords.hash(password), generated, role.name(), kind(scope), value(scope),
                null, null, now, actor, now);
        if (!this.store.insert(a)) return new Outcome(null, null, List.of(new FieldProblem("$.login", "учётная запись с логином «" + login + "» уже есть", "exists")));
        Account out = account(a);
        record.appendNow(actor, ChangeRecord.Action.ACCOUNT_CREATED, "Создана учётная запись «" + login + "» (" + displayName + "): роль «"
                + role.label() + "», " + scope.inWords(), detail(out), orgKey(scope), null);
        return new Outcome(out, generated ? password : null, List.of());
    }

    /** Changes {@code login}'s account by {@code actor}; empty when there is no such account. */
    public Optional<Outcome> change(String login, Change c, String actor) { return change(login, c, actor, true); }

    /** What is wrong with {@code c} as a change of {@code login}'s account (nothing is changed). */
    public List<FieldProblem> problems(String login, Change c) { return change(login, c, null, false).map(Outcome::problems).orElse(List.of()); }

    private Optional<Outcome> change(String login, Change c, String actor, boolean store) {
        StoredAccount a = this.store.find(normalize(login)).orElse(null);
        if (a == null) return Optional.empty();
        List<FieldProblem> problems = new ArrayList<>();
        String displayName = c.displayName() == null ? a.displayName() : text(c.displayName(), "$.displayName", "имя", true, problems);
        String email = c.email() == null ? a.email() : email(c.email(), problems);
        Role role = c.role() == null ? Role.valueOf(a.role()) : role(c.role(), true, problems);
        Scope scope = c.scopeKind() == null && c.scopeValue() == null ? scopeOf(a) : scope(c.scopeKind() == null ? a.scopeKind() : c.scopeKind(),
                c.scopeValue(), true, problems);
        if (!problems.isEmpty() || !store) return Optional.of(new Outcome(null, null, problems));
        Instant now = Instant.now();
        Instant disabledAt = c.disabled() == null ? a.disabledAt() : c.disabled() ? (a.disabledAt() != null ? a.disabledAt() : now) : null;
        StoredAccount changed = new StoredAccount(a.login(), displayName, email, a.passwordHash(), a.mustChange(), role.name(), kind(scope), value(scope),
                disabledAt, disabledAt != null ? now : a.sessionsAfter(), a.createdAt(), a.createdBy(), now);
        this.store.update(changed);
        Account before = account(a), after = account(changed);
        List<String> what = new ArrayList<>();
        if (!before.displayName().equals(after.displayName())) what.add("имя «" + after.displayName() + "»");
        if (!String.valueOf(before.email()).equals(String.valueOf(after.email()))) what.add(after.email() == null ? "адрес почты убран" : "адрес почты " + after.email());
        if (before.role() != after.role()) what.add("роль «" + after.role().label() + "»");
        if (!before.scope().equals(after.scope())) what.add(after.scope().inWords());
        if (before.disabled() != after.disabled()) what.add(after.disabled() ? "отключена" : "снова включена");
        if (!what.isEmpty()) {
            Map<String, Object> d = detail(after);
            d.put("changed", what);
            record.appendNow(actor, ChangeRecord.Action.ACCOUNT_CHANGED, "Учётная запись «" + a.login() + "»: " + String.join(", ", what), d, orgKey(after.scope()),
                    null);
        }
        return Optional.of(new Outcome(after, null, List.of()));
    }

    /**
     * A new one-time password for {@code login}, to be changed at the next sign-in; the account's sessions end. Empty
     * when there is no such account.
     */
    public Optional<Outcome> resetPassword(String login, String actor) {
        StoredAccount a = store.find(normalize(login)).orElse(null);
        if (a == null) return Optional.empty();
        String password = passwords.generate();
        Instant now = Instant.now();
        StoredAccount changed = withPassword(a, passwords.hash(password), true, now);
        store.update(changed);
        record.appendNow(actor, ChangeRecord.Action.PASSWORD_CHANGED, "Пароль учётной записи «" + a.login() + "» сброшен: выдан одноразовый пароль, "
                + "его нужно сменить при входе", Map.of("login", a.login(), "reset", true), null, null);
        return Optional.of(new Outcome(account(changed), password, List.of()));
    }

    /**
     * {@code login} changes their own password: {@code current} must match, {@code next} pass the checks. Problems by
     * field ({@code $.current}, {@code $.password}); the account's other sessions end (the caller reopens its own).
     */
    public Outcome changePassword(String login, String current, String next) {
        StoredAccount a = store.find(normalize(login)).orElse(null);
        if (a == null || a.disabled()) return new Outcome(null, null, List.of(new FieldProblem("$.login", "учётной записи нет или она отключена", "unknown")));
        List<FieldProblem> problems = new ArrayList<>();
        if (!passwords.matches(current == null ? "" : current, a.passwordHash())) problems.add(new FieldProblem("$.current", "текущий пароль введён неверно", "wrong"));
        for (String p : passwords.problems(next, a.login())) problems.add(new FieldProblem("$.password", p, "weak"));
        if (next != null && current != null && next.equals(current)) problems.add(new FieldProblem("$.password", "новый пароль совпадает с текущим", "same"));
        if (!problems.isEmpty()) return new Outcome(null, null, problems);
        StoredAccount changed = withPassword(a, passwords.hash(next), false, Instant.now());
        store.update(changed);
        record.appendNow(a.login(), ChangeRecord.Action.PASSWORD_CHANGED, "«" + a.login() + "» сменил(а) свой пароль", Map.of("login", a.login()), null, null);
        return new Outcome(account(changed), null, List.of());
    }

    /** Ends every workspace session of {@code login} opened until now (on every server sharing the store). */
    public void endSessions(String login, String actor) {
        StoredAccount a = store.find(normalize(login)).orElse(null);
        if (a == null) return;
        Instant now = Instant.now();
        store.update(new StoredAccount(a.login(), a.displayName(), a.email(), a.passwordHash(), a.mustChange(), a.role(), a.scopeKind(), a.scopeValue(),
                a.disabledAt(), now, a.createdAt(), a.createdBy(), a.changedAt()));
        record.appendNow(actor, ChangeRecord.Action.SESSIONS_ENDED, "Завершены все сеансы «" + a.login() + "»", Map.of("login", a.login()), null, null);
    }

    /**
     * The account whose login and password these are, enabled; empty otherwise. A wrong login costs the same hashing
     * as a wrong password, so the time taken does not tell which logins exist. Throttling is the caller's
     * ({@link Access#signIn}).
     */
    Optional<Account> check(String login, String password) {
        StoredAccount a = login == null || login.isBlank() ? null : store.find(normalize(login)).orElse(null);
        boolean ok = passwords.matches(password == null ? "" : password, a == null ? passwords.decoy() : a.passwordHash());
        return ok && a != null && !a.disabled() ? Optional.of(account(a)) : Optional.empty();
    }

    /** A failed sign-in as {@code login} (from the current origin) goes to the record. */
    void recordFailure(String login, String why) {
        String shown = login == null ? "" : login.strip();
        if (shown.length() > 64) shown = shown.substring(0, 64) + "…";
        record.appendNow(null, ChangeRecord.Action.SIGN_IN_FAILED, "Неудачный вход под логином «" + shown + "»: " + why, Map.of("login", shown), null, null);
    }

    ChangeRecord record() { return record; }

    /** Logins are kept in lower case: «Ivanova» and «ivanova» are one account. */
    static String normalize(String login) { return login.strip().toLowerCase(Locale.ROOT); }

    private static StoredAccount withPassword(StoredAccount a, String hash, boolean mustChange, Instant now) {
        return new StoredAccount(a.login(), a.displayName(), a.email(), hash, mustChange, a.role(), a.scopeKind(), a.scopeValue(), a.disabledAt(), now,
                a.createdAt(), a.createdBy(), now);
    }

    private static String text(String v, String path, String what, boolean required, List<FieldProblem> problems) {
        String s = v == null ? null : v.strip();
        if (s == null || s.isEmpty()) {
            if (required) problems.add(new FieldProblem(path, "обязательное поле: " + what, "required"));
            return null;
        }
        if (s.length() > MAX_TEXT) problems.add(new FieldProblem(path, what + " длиннее " + MAX_TEXT + " символов", "too-long"));
        if (s.codePoints().anyMatch(Character::isISOControl)) problems.add(new FieldProblem(path, what + " содержит управляющие символы", "control"));
        return s;
    }

    private static String email(String v, List<FieldProblem> problems) {
        String s = text(v, "$.email", "адрес электронной почты", false, problems);
        if (s == null) return null;
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1 || s.chars().anyMatch(Character::isWhitespace) || !s.substring(at).contains(".")) {
            problems.add(new FieldProblem("$.email", "адрес электронной почты записан неверно (ожидается вид «имя@домен.рф»)", "format"));
        }
        return s;
    }

    /** A role by its name as documented ({@code rule-author}) or as stored. */
    static Role role(String v, boolean required, List<FieldProblem> problems) {
        if (v == null || v.isBlank()) {
            if (required) problems.add(new FieldProblem("$.role", "обязательное поле: роль (school, auditor, rule-author или admin)", "required"));
            return null;
        }
        try {
            return Role.valueOf(v.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("$.role", "нет роли «" + v.strip() + "»; роли: school (школа), auditor (аудитор), rule-author (автор правил), admin (администратор)",
                    "unknown"));
            return null;
        }
    }

    /** A scope from its kind (everything, region, municipality, organization) and value. */
    static Scope scope(String kind, String value, boolean required, List<FieldProblem> problems) {
        String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        String v = value == null ? null : value.strip();
        if (k.isEmpty()) {
            if (required) problems.add(new FieldProblem("$.scope.kind", "обязательное поле: область видимости (everything, region, municipality или organization)",
                    "required"));
            return null;
        }
        if (k.equals("everything")) return Scope.EVERYTHING;
        if (!List.of("region", "municipality", "organization").contains(k)) {
            problems.add(new FieldProblem("$.scope.kind", "нет области видимости «" + kind.strip()
                    + "»; области: everything (вся установка), region (регион), municipality (муниципалитет), organization (организация)", "unknown"));
            return null;
        }
        if (v == null || v.isEmpty()) {
            problems.add(new FieldProblem("$.scope.value", "обязательное поле: " + switch (k) {
                case "region" -> "название региона";
                case "municipality" -> "название муниципалитета (как в каталоге или один из его вариантов)";
                default -> "ключ организации";
            }, "required"));
            return null;
        }
        if (v.length() > MAX_TEXT) {
            problems.add(new FieldProblem("$.scope.value", "значение длиннее " + MAX_TEXT + " символов", "too-long"));
            return null;
        }
        return switch (k) {
            case "region" -> new Scope.Region(v);
            case "municipality" -> new Scope.Municipality(v);
            default -> new Scope.Organization(v);
        };
    }

    static String kind(Scope s) {
        if (s instanceof Scope.Region) return "region";
        if (s instanceof Scope.Municipality) return "municipality";
        if (s instanceof Scope.Organization) return "organization";
        return "everything";
    }

    static String value(Scope s) {
        if (s instanceof Scope.Region r) return r.name();
        if (s instanceof Scope.Municipality m) return m.name();
        if (s instanceof Scope.Organization o) return o.key();
        return null;
    }

    private static Scope scopeOf(StoredAccount a) {
        Scope s = scope(a.scopeKind(), a.scopeValue(), true, new ArrayList<>());
        return s == null ? Scope.EVERYTHING : s;
    }

    private static String orgKey(Scope s) { return s instanceof Scope.Organization o ? o.key() : null; }

    static Account account(StoredAccount a) {
        return new Account(a.login(), a.displayName(), a.email(), Role.valueOf(a.role()), scopeOf(a), a.mustChange(), a.disabled(), a.createdAt(),
                a.createdBy(), a.changedAt(), a.sessionsAfter());
    }

    private static Map<String, Object> detail(Account a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("login", a.login());
        d.put("displayName", a.displayName());
        d.put("email", a.email());
        d.put("role", a.role().label());
        d.put("scope", Map.of("kind", kind(a.scope()), "value", String.valueOf(value(a.scope()))));
        d.put("disabled", a.disabled());
        return d;
    }
}
