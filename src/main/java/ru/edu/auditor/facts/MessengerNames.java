package ru.edu.auditor.facts;

import java.util.Locale;
import java.util.Set;

/** Name normalisation shared by the messenger reference list and rules comparing names. */
public final class MessengerNames {
    /** Canonical names whose chats count as chats of ИКОП «Сферум» (Sferum chats live in VK Messenger). */
    private static final Set<String> SFERUM = Set.of("сферум", "vkмессенджер");

    /** What normalisation drops: the whitespace of regex \\s, hyphens, underscores, dots, commas, quotes, «», brackets. */
    private static final String DROPPED = " \t\n\u000B\f\r-_.,'\"«»“”„`()";

    private MessengerNames() { }

    /** Lower case, ё→е, without spaces, hyphens, dots, quotes and «». */
    public static String normalize(String name) {
        if (name == null) return "";
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (DROPPED.indexOf(c) >= 0) continue;
            b.append(c == 'ё' ? 'е' : c);
        }
        return b.toString();
    }

    public static boolean isSferum(String canonicalName) { return SFERUM.contains(normalize(canonicalName)); }

    public static boolean sameName(String a, String b) { return normalize(a).equals(normalize(b)); }
}
