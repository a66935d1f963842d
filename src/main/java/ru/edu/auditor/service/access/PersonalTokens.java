package ru.edu.auditor.service.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.store.AccountRepository;
import ru.edu.auditor.store.AccountRepository.StoredToken;
import ru.edu.auditor.store.AuditRepository;

/**
 * Personal API tokens (issue 23): a person creates a named token (optionally expiring at the end of a given day),
 * sees its secret once, lists and revokes their tokens; an administrator lists and revokes anyone's. Only the SHA-256
 * of a secret is stored. A token has no role of its own: it acts with its account's role and scope as they are when
 * it is used, so a disabled account's tokens stop working at once. Secrets start with {@value #PREFIX}, so they are
 * told from the configured tokens without a store lookup.
 */
public final class PersonalTokens {
    public static final String PREFIX = "apt_";
    static final int MAX_NAME = 100;
    /** Tokens one person may hold unrevoked. */
    static final int MAX_PER_ACCOUNT = 50;

    private final AccountRepository store;
    private final ChangeRecord record;
    private final SecureRandom random = new SecureRandom();

    public PersonalTokens(AuditRepository store) {
        this.store = store.accounts();
        this.record = ChangeRecord.of(store);
    }

    /** A token as listed (never its secret). {@code state}: действует, истёк or отозван. */
    public record Token(String id, String login, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, String revokedBy) {
        public boolean active(Instant now) { return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now)); }

        /** «действует», «истёк» or «отозван», for pages. */
        public String state() { return revokedAt != null ? "отозван" : active(Instant.now()) ? "действует" : "истёк"; }
    }

    /** The created token and its secret (shown once), or every problem. */
    public record Created(Token token, String secret, List<FieldProblem> problems) {
        public boolean ok() { return token != null; }
    }

    /** Creates a token named {@code name} for {@code login}, valid through {@code expiresOn} (null or blank: until revoked). */
    public Created create(String login, String name, String expiresOn) {
        List<FieldProblem> problems = new ArrayList<>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) problems.add(new FieldProblem("$.name", "обязательное поле: название токена (для чего он — например, «выгрузка в 1С»)", "required"));
        else if (n.length() > MAX_NAME) problems.add(new FieldProblem("$.name", "название длиннее " + MAX_NAME + " символов", "too-long"));
        else if (n.codePoints().anyMatch(Character::isISOControl)) problems.add(new FieldProblem("$.name", "название содержит управляющие символы", "control"));
        Instant expires = null;
        if (expiresOn != null && !expiresOn.isBlank()) {
            try {
                LocalDate d = LocalDate.parse(expiresOn.strip());
                if (!d.isAfter(LocalDate.now(ZoneOffset.UTC).minusDays(1))) problems.add(new FieldProblem("$.expiresOn", "срок действия уже прошёл", "past"));
                expires = d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new FieldProblem("$.expiresOn", "ожидается дата вида ГГГГ-ММ-ДД", "format"));
            }
        }
        AccountRepository.StoredAccount a = store.find(Accounts.normalize(login)).orElse(null);
        if (a == null || a.disabled()) problems.add(new FieldProblem("$", "учётной записи нет или она отключена", "unknown"));
        else if (store.tokens(a.login()).stream().filter(t -> t.revokedAt() == null).count() >= MAX_PER_ACCOUNT) {
            problems.add(new FieldProblem("$", "у учётной записи уже " + MAX_PER_ACCOUNT + " действующих токенов: отзовите ненужные", "too-many"));
        }
        if (!problems.isEmpty()) return new Created(null, null, problems);
        Instant now = Instant.now();
        for (;;) {
            String secret = PREFIX + random(32);
            StoredToken t = new StoredToken(random(12), a.login(), n, digest(secret), now, expires, null, null);
            if (!store.insertToken(t)) continue; // a clash of random values: astronomically rare, but never a failure
            Token out = token(t);
            record.appendNow(a.login(), ChangeRecord.Action.TOKEN_CREATED, "«" + a.login() + "» создал(а) токен «" + n + "»"
                   + (expires == null ? " без срока" : " со сроком по " + ru.edu.auditor.text.Fmt.date(expires.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1))),
                    Map.of("login", a.login(), "token", t.id(), "name", n), null, null);
            return new Created(out, secret, List.of());
        }
    }

    /** {@code login}'s tokens (null: everyone's), newest first. */
    public List<Token> list(String login) {
        return store.tokens(login == null ? null : Accounts.normalize(login)).stream().map(PersonalTokens::token).toList();
    }

    public Optional<Token> find(String id) { return id == null ? Optional.empty() : store.token(id).map(PersonalTokens::token); }

    /** Revokes token {@code id} by {@code actor}; false when it is unknown or revoked already. */
    public boolean revoke(String id, String actor) {
        StoredToken t = store.token(id).orElse(null);
        if (t == null || !store.revokeToken(id, actor, Instant.now())) return false;
        record.appendNow(actor, ChangeRecord.Action.TOKEN_REVOKED, "Отозван токен «" + t.name() + "» учётной записи «" + t.login() + "»",
                Map.of("login", t.login(), "token", t.id(), "name", t.name()), null, null);
        return true;
    }

    /** The caller a personal token's secret belongs to: live token, enabled account. */
    Optional<Tokens.Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) return Optional.empty();
        return store.findByDigest(digest(secret)).filter(o -> token(o.token()).active(Instant.now()) && !o.account().disabled())
                .map(o -> Accounts.account(o.account()).principal());
    }

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Token token(StoredToken t) {
        return new Token(t.id(), t.login(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt(), t.revokedBy());
    }
}
