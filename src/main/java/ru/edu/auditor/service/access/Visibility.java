package ru.edu.auditor.service.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.ScopeFilter;
import ru.edu.auditor.store.StoredAudit;

/**
 * The one place that decides whether a caller sees an organization (issue 23): every service that reads or writes an
 * organization's audits, reports, exemptions or roll-ups asks here, so the API, the workspace and the CLI cannot
 * drift. A caller's {@link Scope}:
 * <ul>
 * <li>{@link Scope.Everything}: every organization;</li>
 * <li>{@link Scope.Organization}: the organization kept under that key — by id, or by name and municipality, as
 * {@link OrganizationKey#same} matches them (a school's scope named by its name key also covers its audits filed
 * with an id under that name);</li>
 * <li>{@link Scope.Municipality}: the organizations whose municipality is any spelling the catalog gives that
 * municipality ({@link OrganizationKey#municipalityKeys});</li>
 * <li>{@link Scope.Region}: the organizations whose stated region is that region, and those stated without a region
 * whose municipality the catalog places in it.</li>
 * </ul>
 * A {@code school} caller sees its own organization only: with any other scope, it sees nothing.
 * Single organizations are checked with {@link #sees}; lists are read through {@link #filter}, which the store puts
 * into its SQL.
 */
public final class Visibility {
    private final Supplier<Catalog> catalog;
    private final AuditRepository store;

    /** {@code catalog}: the live catalog (its municipalities and aliases); {@code store} may be null (no stored audits). */
    public Visibility(Supplier<Catalog> catalog, AuditRepository store) {
        this.catalog = Objects.requireNonNull(catalog);
        this.store = store;
    }

    /**
     * Whether {@code who} sees the organization kept under {@code organizationKey} (its id, or its name key),
     * {@code nameKey} ({@link OrganizationKey#nameKey}; null when unknown), in {@code municipality} and {@code region}
     * (null when not stated).
     */
    public boolean sees(Tokens.Principal who, String organizationKey, String nameKey, String municipality, String region) {
        Scope scope = scopeOf(who);
        if (scope == null) return false;
        if (scope instanceof Scope.Organization o) return organizationKey != null && OrganizationKey.same(o.key(), null, organizationKey, nameKey);
        if (scope instanceof Scope.Municipality m) {
            return municipality != null && OrganizationKey.municipalityKeys(m.name(), catalog.get()).contains(Applicability.placeKey(municipality));
        }
        if (scope instanceof Scope.Region r) return inRegion(r, municipality, region);
        return true;
    }

    /** Whether {@code who} sees the organization as submitted facts describe it. */
    public boolean sees(Tokens.Principal who, Organization org) {
        if (org == null) return false;
        String nameKey = org.getName() == null || org.getMunicipality() == null ? null : OrganizationKey.nameKey(org.getName(), org.getMunicipality());
        return sees(who, OrganizationKey.of(org), nameKey, org.getMunicipality(), org.getRegion());
    }

    /** Whether {@code who} sees the organization of a stored audit. */
    public boolean sees(Tokens.Principal who, StoredAudit a) {
        return a != null && sees(who, a.organizationKey(), OrganizationKey.nameKey(a.organizationName(), a.municipality()), a.municipality(), a.region());
    }

    /** Whether {@code who} sees every organization (no filter needed). */
    public boolean seesEverything(Tokens.Principal who) { return scopeOf(who) instanceof Scope.Everything; }

    /**
     * Whether {@code municipality} (any spelling the catalog knows) lies within {@code who}'s scope at all: the whole of
     * it (installation, its region, itself) or a part (an organization of it). A municipality outside answers 404.
     */
    public boolean reaches(Tokens.Principal who, String municipality) {
        Scope scope = scopeOf(who);
        if (scope == null || municipality == null) return false;
        Catalog c = catalog.get();
        Set<String> keys = OrganizationKey.municipalityKeys(municipality, c);
        if (scope instanceof Scope.Everything) return true;
        if (scope instanceof Scope.Municipality m) return OrganizationKey.municipalityKeys(m.name(), c).stream().anyMatch(keys::contains);
        if (scope instanceof Scope.Region r && regionMunicipalities(r.name(), c).stream().anyMatch(keys::contains)) return true;
        if (scope instanceof Scope.Organization o && keys.contains(municipalityKeyOf(o.key()))) return true;
        // a region's municipality the catalog does not know, an organization filed by id: where its audits are stored
        return store != null && store.municipalities(filter(who)).keySet().stream().anyMatch(keys::contains);
    }

    /** The organizations {@code who} sees, as the store filters its reads. */
    public ScopeFilter filter(Tokens.Principal who) {
        Scope scope = scopeOf(who);
        if (scope == null) return ScopeFilter.NONE;
        if (scope instanceof Scope.Municipality m) return ScopeFilter.municipalities(OrganizationKey.municipalityKeys(m.name(), catalog.get()));
        if (scope instanceof Scope.Region r) return ScopeFilter.region(Applicability.placeKey(r.name()), regionMunicipalities(r.name(), catalog.get()));
        if (scope instanceof Scope.Organization o) return ScopeFilter.organizations(organizationKeys(o.key()));
        return ScopeFilter.ALL;
    }

    /**
     * Which entries of the change record {@code who} reads: null (every entry) for the whole installation; otherwise
     * those of the organizations and municipalities of its scope — for a region, the municipalities the catalog places
     * in it. Entries of no organization (a rules reload, an account changed, a failed sign-in) are the installation's.
     */
    public ChangeRecord.Filter recordFilter(Tokens.Principal who) {
        Scope scope = scopeOf(who);
        if (scope == null) return new ChangeRecord.Filter(List.of(), List.of());
        if (scope instanceof Scope.Municipality m) return new ChangeRecord.Filter(List.copyOf(OrganizationKey.municipalityKeys(m.name(), catalog.get())), List.of());
        if (scope instanceof Scope.Region r) return new ChangeRecord.Filter(List.copyOf(regionMunicipalities(r.name(), catalog.get())), List.of());
        if (scope instanceof Scope.Organization o) return new ChangeRecord.Filter(List.of(), List.copyOf(organizationKeys(o.key())));
        return null;
    }

    /**
     * The problem of submitting facts (or an exemption) for an organization outside the caller's scope, at the path of
     * the organization ({@code path}, e.g. {@code $.organization}), in Russian; code {@value #OUT_OF_SCOPE}. The answer
     * names the caller's scope, not the organization: nothing about it is said back, not even that it is known.
     */
    public static FieldProblem outside(Tokens.Principal who, String path) {
        Scope scope = who == null ? null : who.scope();
        String yours = who != null && who.role() == Role.school && !(scope instanceof Scope.Organization)
                ? "у учётной записи школы не задана её организация"
                : "ваша область доступа — " + (scope == null ? "не задана" : scope.inWords());
        return new FieldProblem(path, "организация вне вашей области доступа (" + yours + "): сведения о ней не приняты и не сохранены", OUT_OF_SCOPE);
    }

    /** The code of the problem {@link #outside} describes. */
    public static final String OUT_OF_SCOPE = "out-of-scope";

    /** The scope that applies: a school sees only an organization; no caller, nothing. */
    private static Scope scopeOf(Tokens.Principal who) {
        if (who == null) return null;
        if (who.role() == Role.school && !(who.scope() instanceof Scope.Organization)) return null;
        return who.scope();
    }

    private boolean inRegion(Scope.Region r, String municipality, String region) {
        String wanted = Applicability.placeKey(r.name());
        if (region != null && !Applicability.placeKey(region).isEmpty()) return Applicability.placeKey(region).equals(wanted);
        return municipality != null && regionMunicipalities(r.name(), catalog.get()).contains(Applicability.placeKey(municipality));
    }

    /** The keys of every municipality (names and aliases) the catalog places in {@code region}. */
    static Set<String> regionMunicipalities(String region, Catalog catalog) {
        String wanted = Applicability.placeKey(region);
        Set<String> keys = new TreeSet<>();
        for (Decree d : catalog.decrees()) {
            Decree.Scope s = d.scope();
            if (s.region() == null || s.municipality() == null || !Applicability.placeKey(s.region()).equals(wanted)) continue;
            keys.add(Applicability.placeKey(s.municipality()));
            s.municipalityAliases().forEach(a -> keys.add(Applicability.placeKey(a)));
        }
        keys.remove("");
        return keys;
    }

    /** The municipality key a name key begins with («сергокалинск:…» → «сергокалинск»); "" for an id. */
    private static String municipalityKeyOf(String organizationKey) {
        int colon = organizationKey.indexOf(':');
        return colon < 0 ? "" : organizationKey.substring(0, colon).replace('-', ' ');
    }

    /**
     * Every key under which the organization named {@code key} is kept: the key itself, and those of its stored audits
     * that {@link OrganizationKey#same} matches (audits with an id filed under the name key it is).
     */
    private Set<String> organizationKeys(String key) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(key);
        if (store == null) return keys;
        for (AuditRepository.Named n : store.organizationsNear(key, municipalityKeyOf(key))) {
            String nameKey = OrganizationKey.nameKey(n.name(), n.municipality());
            if (OrganizationKey.same(key, null, n.organizationKey(), nameKey)) {
                keys.add(n.organizationKey());
            }
        }
        return keys;
    }
}
