package ru.edu.auditor.service.rounds;

import java.util.List;

/**
 * The e-mail addresses reminders to an organization go to: those of its accounts (the school users whose scope is that
 * organization). The accounts service answers it once accounts carry e-mail addresses; until then no organization has
 * any, and a round's reminders go to the contact addresses its uploaded list gave.
 */
@FunctionalInterface
public interface OrganizationAddresses {
    /** No accounts with addresses (yet). */
    OrganizationAddresses NONE = organizationKey -> List.of();

    /** The addresses of {@code organizationKey}'s accounts, in a stable order; empty when none. */
    List<String> of(String organizationKey);
}
