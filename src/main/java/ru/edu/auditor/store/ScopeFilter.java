package ru.edu.auditor.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which organizations a read may return, as a condition on the {@code audit} and {@code exemption} tables: every
 * organization, those of some organization keys, of some municipality keys (the catalog's normalised spellings), or
 * of a region (by its stored region, or — when an audit names no region — by the municipalities the catalog places
 * in it). The service layer's {@code service.access.Visibility} makes one from a caller's scope; the store only
 * pushes it into its SQL, so a list is never read whole to be filtered in memory.
 */
public final class ScopeFilter {
    private enum Kind { ALL, ORGANIZATIONS, MUNICIPALITIES, REGION }

    /** No restriction. */
    public static final ScopeFilter ALL = new ScopeFilter(Kind.ALL, Set.of(), null);
    /** Nothing at all. */
    public static final ScopeFilter NONE = new ScopeFilter(Kind.ORGANIZATIONS, Set.of(), null);

    private final Kind kind;
    private final Set<String> keys;
    private final String regionKey;

    private ScopeFilter(Kind kind, Collection<String> keys, String regionKey) {
        this.kind = kind;
        this.keys = Collections.unmodifiableSet(new TreeSet<>(keys));
        this.regionKey = regionKey;
    }

    /** The organizations kept under these keys (ids or name keys). */
    public static ScopeFilter organizations(Collection<String> organizationKeys) {
        return new ScopeFilter(Kind.ORGANIZATIONS, organizationKeys, null);
    }

    /** The organizations of these municipality keys. */
    public static ScopeFilter municipalities(Collection<String> municipalityKeys) {
        return new ScopeFilter(Kind.MUNICIPALITIES, municipalityKeys, null);
    }

    /**
     * The organizations whose stored region has {@code regionKey}, and those stored without a region whose municipality
     * is one of {@code municipalityKeys} (the catalog's municipalities of that region).
     */
    public static ScopeFilter region(String regionKey, Collection<String> municipalityKeys) {
        return new ScopeFilter(Kind.REGION, municipalityKeys, regionKey);
    }

    /** Whether nothing is left out. */
    public boolean all() { return kind == Kind.ALL; }

    /** A condition on an audit row ({@code alias}: "a." or "") and its parameters. */
    public Condition onAudit(String alias) {
        List<Object> args = new ArrayList<>();
        String sql = switch (kind) {
            case ALL -> "1 = 1";
            case ORGANIZATIONS -> in(alias + "organization_key", keys, args);
            case MUNICIPALITIES -> in(alias + "municipality_key", keys, args);
            case REGION -> {
                args.add(regionKey);
                String byMunicipality = keys.isEmpty() ? "" : " OR ((" + alias + "region_key IS NULL OR " + alias + "region_key = '') AND "
                        + in(alias + "municipality_key", keys, args) + ")";
                yield "(" + alias + "region_key = ?" + byMunicipality + ")";
            }
        };
        return new Condition(sql, args.toArray());
    }

    /** A condition on an exemption row ({@code alias}: "e." or ""): by its organization, its municipality, or (region) an audit of its organization there. */
    public Condition onExemption(String alias) {
        List<Object> args = new ArrayList<>();
        String sql = switch (kind) {
            case ALL -> "1 = 1";
            case ORGANIZATIONS -> in(alias + "organization_key", keys, args);
            case MUNICIPALITIES -> in(alias + "municipality_key", keys, args);
            case REGION -> {
                String byMunicipality = keys.isEmpty() ? "" : in(alias + "municipality_key", keys, args) + " OR ";
                args.add(regionKey);
                yield "(" + byMunicipality + alias + "organization_key IN (SELECT s.organization_key FROM audit s WHERE s.region_key = ?))";
            }
        };
        return new Condition(sql, args.toArray());
    }

    private static String in(String column, Set<String> values, List<Object> args) {
        if (values.isEmpty()) return "1 = 0";
        args.addAll(values);
        return column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
    }

    /** An SQL condition and its parameters, in order. */
    public record Condition(String sql, Object[] args) { }

    @Override public String toString() { return kind.name() + keys + (regionKey == null ? "" : " " + regionKey); }
}
