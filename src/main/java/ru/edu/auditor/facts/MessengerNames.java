package ru.edu.auditor.facts;

import java.util.Locale;
import java.util.Set;

/** Name normalisation shared by the messenger reference list and rules comparing names. */
public final class MessengerNames {
    /** Canonical names whose chats count as chats of ИКОП «Сферум» (Sferum chats live in VK Messenger). */
    private static final Set<String> SFERUM = Set.of("сферум", "vkмессенджер");

    private MessengerNames() { }

    /** Lower case, ё→е, without spaces, hyphens, dots, quotes and «». */
    public static String normalize(String name) {
        if (name == null) return "";
        return name.toLowerCase(Locale.ROOT).replace('ё', 'е')
                .replaceAll("[\\s\\-_.,'\"«»“”„`()]+", "");
    }

    public static boolean isSferum(String canonicalName) { return SFERUM.contains(normalize(canonicalName)); }

    public static boolean sameName(String a, String b) { return normalize(a).equals(normalize(b)); }
}
