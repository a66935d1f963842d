package ru.edu.auditor.ruleapi;

/**
 * Shares of a group (rule-author interface; the reading is {@code law.checks.GroupShares}): an empty group is never
 * compliance (MANUAL «группа пуста»), a required percent is met by whole people, never rounded.
 */
public final class GroupShares {
    private GroupShares() { }

    public static boolean isEmpty(Integer total) { return ru.edu.auditor.law.checks.GroupShares.isEmpty(total); }

    public static Judgement empty(String whoGenitive, String totalPath, Object... evidence) {
        return Judgement.of(ru.edu.auditor.law.checks.GroupShares.empty(whoGenitive, totalPath, evidence));
    }

    public static int needed(int total, int requiredPercent) { return ru.edu.auditor.law.checks.GroupShares.needed(total, requiredPercent); }

    public static Judgement atLeast(int part, int total, int requiredPercent, String did, String whoGenitive, String where,
                                    String totalPath, String key) {
        return Judgement.of(ru.edu.auditor.law.checks.GroupShares.atLeast(part, total, requiredPercent, did, whoGenitive, where, totalPath, key));
    }
}
