package ru.edu.auditor.service.access;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens with roles. Configured by AUDITOR_TOKENS ("name:role:secret" entries separated by commas or
 * new lines; "name:role[scope]:secret" limits the token to a scope — {@code [municipality=Сергокалинский район]},
 * {@code [region=Республика Дагестан]}, {@code [organization=<key>]}, see {@link Scope#parse}) or a file of such lines; with neither, an admin token is generated once into
 * &lt;data dir&gt;/admin.token (readable by its owner only) so a fresh start needs no setup. Only SHA-256
 * digests are kept in memory, compared in constant time; secrets are never logged.
 */
public final class Tokens {
    /** A known caller: what it may do ({@code role}) and over which organizations ({@code scope}). */
    public record Principal(String name, Role role, Scope scope) {
        public Principal {
            if (scope == null) scope = Scope.EVERYTHING;
        }

        /** A caller over the whole installation (tokens of AUDITOR_TOKENS, the generated admin token). */
        public Principal(String name, Role role) { this(name, role, Scope.EVERYTHING); }

        /**
         * The person at the server's own machine running a command (CLI, benchmark): the store's files are theirs
         * anyway, so they act as an admin over the whole installation.
         */
        public static Principal operator(String name) { return new Principal(name, Role.admin, Scope.EVERYTHING); }
    }

    private record Entry(String name, Role role, Scope scope, byte[] digest) { }

    private final List<Entry> entries;
    /** Failed attempts with these tokens and passwords, from the API and the workspace together. */
    private final SignInThrottle throttle;
    /** The accounts and personal tokens of the store (null: no store, configured tokens only). */
    private final Accounts accounts;
    private final PersonalTokens personal;

    private Tokens(List<Entry> entries) { this(entries, new SignInThrottle(), null, null); }

    private Tokens(List<Entry> entries, SignInThrottle throttle, Accounts accounts, PersonalTokens personal) {
        this.entries = List.copyOf(entries);
        this.throttle = throttle;
        this.accounts = accounts;
        this.personal = personal;
    }

    /**
     * The credentials of a server with a store: these configured tokens, and also the accounts' passwords
     * ({@link Access#signIn}) and personal tokens ({@link #authenticate}) — the one lookup the API and the workspace
     * both use.
     */
    public Tokens withAccounts(Accounts accounts, PersonalTokens personal) { return new Tokens(entries, throttle, accounts, personal); }

    /** The accounts (empty: no store, only configured tokens). */
    public Optional<Accounts> accounts() { return Optional.ofNullable(accounts); }

    /** The personal tokens (empty: no store). */
    public Optional<PersonalTokens> personal() { return Optional.ofNullable(personal); }

    /** Whether {@code name} is a configured token's (not an account's, although a login may be spelt alike). */
    public boolean isConfigured(String name) { return entries.stream().anyMatch(e -> e.name().equals(name)); }

    /** What slows down guessing these tokens (see {@link Access#authenticate}). */
    public SignInThrottle throttle() { return throttle; }

    /** Tokens made in code (tests, tools): each secret with the caller it admits. */
    public static Tokens of(java.util.Map<String, Principal> bySecret) {
        List<Entry> out = new ArrayList<>();
        bySecret.forEach((secret, who) -> out.add(new Entry(who.name(), who.role(), who.scope(), digest(secret.strip()))));
        return new Tokens(out);
    }

    /** Parses "name:role:secret" (or "name:role[scope]:secret") entries; throws with a message naming the bad entry (never its secret). */
    public static Tokens parse(String spec) {
        List<Entry> out = new ArrayList<>();
        int n = 0;
        for (String raw : spec.split("[,\\n]")) {
            String line = raw.strip();
            n++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            // a scope in brackets after the role may itself hold colons (an organization's name key)
            String scopeSpec = null;
            int open = line.indexOf('[');
            int firstColon = line.indexOf(':');
            if (open > firstColon && firstColon >= 0 && line.indexOf(':', firstColon + 1) > open) {
                int close = line.indexOf("]:", open);
                if (close < 0) throw new IllegalArgumentException("токен №" + n + ": область доступа в квадратных скобках не закрыта («имя:роль[область]:секрет»)");
                scopeSpec = line.substring(open + 1, close);
                line = line.substring(0, open) + line.substring(close + 1);
            }
            String[] parts = line.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[2].length() < 16) {
                throw new IllegalArgumentException("токен №" + n + ": ожидается «имя:роль:секрет» с секретом не короче 16 символов");
            }
            Role role;
            try {
                role = Role.valueOf(parts[1].strip().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("токен «" + parts[0] + "»: роль должна быть school, auditor, rule-author или admin");
            }
            Scope scope;
            try {
                scope = Scope.parse(scopeSpec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("токен «" + parts[0] + "»: " + e.getMessage());
            }
            if (role == Role.school && !(scope instanceof Scope.Organization)) {
                throw new IllegalArgumentException("токен «" + parts[0] + "»: роли school нужна область одной организации: «имя:school[organization=<ключ>]:секрет»");
            }
            out.add(new Entry(parts[0].strip(), role, scope, digest(parts[2].strip())));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("не задано ни одного токена");
        return new Tokens(out);
    }

    /** AUDITOR_TOKENS, else AUDITOR_TOKENS_FILE, else the generated admin token in {@code dataDir}. */
    public static Tokens configure(String envTokens, String envTokensFile, Path dataDir) throws IOException {
        if (envTokens != null && !envTokens.isBlank()) return parse(envTokens);
        if (envTokensFile != null && !envTokensFile.isBlank()) {
            Path file = Path.of(envTokensFile);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("файл токенов " + file.toAbsolutePath() + " (AUDITOR_TOKENS_FILE) не найден");
            } catch (AccessDeniedException e) {
                throw new IllegalArgumentException("файл токенов " + file.toAbsolutePath() + " (AUDITOR_TOKENS_FILE) недоступен для чтения");
            } catch (IOException e) {
                throw new IllegalArgumentException("файл токенов " + file.toAbsolutePath() + " (AUDITOR_TOKENS_FILE) не читается как текст UTF-8");
            }
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("файл токенов " + file.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        return parse("admin:admin:" + adminToken(dataDir));
    }

    /** The generated admin token of {@code dataDir}, created on first use. */
    public static String adminToken(Path dataDir) throws IOException {
        Path file = dataDir.resolve("admin.token");
        if (Files.exists(file)) return Files.readString(file).strip();
        Files.createDirectories(dataDir);
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // owner-only from the moment the file exists (never written first and restricted afterwards);
        // CREATE_NEW: two servers starting together never overwrite each other's token
        try (SeekableByteChannel out = createOwnerOnly(file)) {
            out.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (FileAlreadyExistsException createdMeanwhile) {
            return Files.readString(file).strip();
        }
        return token;
    }

    private static SeekableByteChannel createOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.newByteChannel(file, options); // file systems without POSIX permissions: their own access rules apply
        }
    }

    /**
     * The caller a bearer secret belongs to: a configured token (every entry is compared, so timing does not reveal
     * which matched) or a personal token of an enabled account (looked up by its digest).
     */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isBlank()) return Optional.empty();
        byte[] d = digest(secret.strip());
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), d) && found == null) found = new Principal(e.name(), e.role(), e.scope());
        }
        if (found == null && personal != null) return personal.authenticate(secret.strip());
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
