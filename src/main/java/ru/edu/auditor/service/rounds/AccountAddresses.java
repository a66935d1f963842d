package ru.edu.auditor.service.rounds;

import java.util.List;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.Scope;

/**
 * Reminders go to the e-mail addresses of an organization's accounts: the enabled accounts whose scope is that one
 * organization (its school users) and that have an address, in login order.
 */
public final class AccountAddresses implements OrganizationAddresses {
    private final Accounts accounts;

    public AccountAddresses(Accounts accounts) { this.accounts = accounts; }

    @Override public List<String> of(String organizationKey) {
        return accounts.list().stream()
                .filter(a -> !a.disabled() && a.email() != null && !a.email().isBlank())
                .filter(a -> a.scope() instanceof Scope.Organization o && o.key().equals(organizationKey))
                .sorted(java.util.Comparator.comparing(Accounts.Account::login))
                .map(a -> a.email().strip()).distinct().toList();
    }
}
