package ru.edu.auditor.report;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Decision ids: UUIDs of version 7 (RFC 9562) — the time in milliseconds first, then 74 random bits. Unique and
 * unguessable like random UUIDs, but in time order, so the store's indexes keyed by decision id (the audit, its
 * decree and clause verdicts) grow at their end instead of at a random page each: fewer pages written per commit.
 */
public final class DecisionIds {
    private static final SecureRandom random = new SecureRandom();

    private DecisionIds() { }

    public static String next() {
        byte[] r = new byte[10];
        random.nextBytes(r);
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | ((r[0] & 0x0FL) << 8) | (r[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((r[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) low |= (r[i] & 0xFFL) << (8 * (9 - i));
        return new UUID(high, low).toString();
    }
}
