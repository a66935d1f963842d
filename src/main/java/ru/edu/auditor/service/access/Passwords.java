package ru.edu.auditor.service.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Passwords of accounts: hashed with Argon2id (Spring Security's {@link Argon2PasswordEncoder} over Bouncy Castle —
 * a maintained implementation, never our own), with OWASP's first recommended parameters (19 MiB, 2 passes, one
 * lane); the hash carries its parameters, so a later change of them still verifies older hashes. A new password must
 * be {@value #MIN_LENGTH}–{@value #MAX_LENGTH} characters long, differ from the login and not be a common password
 * (the bundled list {@code access/common-passwords.txt}, also with digits or signs appended).
 */
public final class Passwords {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;
    private static final String GENERATED_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
    private final Set<String> common = load();
    private final SecureRandom random = new SecureRandom();

    /** The hash to store for {@code password}. */
    public String hash(String password) { return encoder.encode(password); }

    /** Whether {@code password} is the one {@code hash} was made from. */
    public boolean matches(String password, String hash) {
        if (password == null || hash == null) return false;
        try {
            return encoder.matches(password, hash);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** A hash no password matches, compared against when the login is unknown: a wrong login takes as long as a wrong password. */
    public String decoy() { return DECOY; }

    private static final String DECOY = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2).encode("decoy: no account has this password");

    /** What is wrong with {@code password} as a new password of {@code login}, in Russian; empty when it may be used. */
    public List<String> problems(String password, String login) {
        List<String> out = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            out.add("пароль не задан");
            return out;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) out.add("пароль короче " + MIN_LENGTH + " символов");
        if (length > MAX_LENGTH) out.add("пароль длиннее " + MAX_LENGTH + " символов");
        String lower = password.toLowerCase(Locale.ROOT);
        if (login != null && !login.isBlank() && lower.contains(login.toLowerCase(Locale.ROOT))) out.add("пароль содержит логин");
        else if (isCommon(lower)) out.add("это один из самых распространённых паролей, его подбирают первым");
        else if (lower.codePoints().distinct().count() < 4) out.add("в пароле меньше четырёх разных символов");
        return out;
    }

    /** A random password of 16 letters and digits (about 93 bits), for a new account or a reset: shown once. */
    public String generate() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) s.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
        return s.toString();
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) return true;
        // a common password with digits or signs after it: «qwerty12345», «password2026!»
        int end = lower.length();
        while (end > 0 && !Character.isLetter(lower.charAt(end - 1))) end--;
        return end > 0 && end < lower.length() && common.contains(lower.substring(0, end));
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = Passwords.class.getResourceAsStream("/access/common-passwords.txt")) {
            if (in == null) throw new IllegalStateException("access/common-passwords.txt is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                String p = line.strip();
                if (!p.isEmpty() && !p.startsWith("#")) out.add(p.toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
