package ru.edu.auditor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Remedy orders as issued and kept (the store keeps them, the service issues them, every front end shows them). */
public final class RemedyOrders {
    private RemedyOrders() { }

    /** One violation an order names, as printed: the clause, and the failing audit whose facts it cites. */
    public record Item(String decree, String clause, String decisionId, LocalDate foundOn, LocalDate judgedOn, String document,
                       String citation, String quote, String facts) { }

    /** A stored order: {@code year} and {@code number} name it («№ 7 от …»). */
    public record Issued(int year, int number, String organizationKey, String organizationName, String organizationKind, String municipality,
                         String municipalityKey, String region, String regionKey, LocalDate issuedOn, LocalDate dueOn, String authority,
                         String signerPosition, String signerName, String issuedBy, Instant issuedAt, List<Item> items) {
        /** The id in addresses: «2026-7». */
        public String id() { return year + "-" + number; }
    }

}
