package ru.edu.auditor.law.catalog;

import java.util.Map;

/** Russian names of organization kinds. */
public final class OrgKinds {
    private static final Map<String, String> LABELS = Map.of(
            "general", "общеобразовательная организация",
            "preschool", "дошкольная образовательная организация",
            "additional", "организация дополнительного образования",
            "vocational", "профессиональная образовательная организация (СПО)",
            "authority", "муниципальный орган управления образованием");

    private OrgKinds() { }

    public static String label(String kind) { return LABELS.getOrDefault(kind, kind); }

    /** Every kind the catalog knows, by code. */
    public static java.util.Set<String> kinds() { return LABELS.keySet(); }
}
