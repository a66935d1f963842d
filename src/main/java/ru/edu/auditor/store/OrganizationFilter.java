package ru.edu.auditor.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which organizations the list of audited organizations shows, judged on each one's latest audit: by municipality (the
 * normalised keys of every spelling the catalog knows for it), kind, last status and a text in the name, always within
 * the caller's scope. Every criterion is optional (null: any) and adds one condition to the same query ({@link #where});
 * a new criterion is a new component here and one more condition in {@link #where}.
 *
 * @param scope the organizations the caller may see ({@link ScopeFilter#ALL} for every one)
 * @param municipalityKeys the municipality's normalised keys, or null for every municipality
 * @param kind the organization's kind («general», …), or null
 * @param status the latest audit's overall status («compliant», …), or null
 * @param text words the organization's name (or key) contains, or null
 */
public record OrganizationFilter(ScopeFilter scope, Set<String> municipalityKeys, String kind, String status, String text) {
    /** No criterion: every audited organization. */
    public static final OrganizationFilter ALL = new OrganizationFilter(ScopeFilter.ALL, null, null, null, null);

    public OrganizationFilter {
        scope = scope == null ? ScopeFilter.ALL : scope;
        municipalityKeys = municipalityKeys == null ? null : Set.copyOf(municipalityKeys);
    }

    /** The conditions on the audit row {@code a} (already the organization's latest) and their parameters. */
    AuditRows.Where where() {
        List<String> sql = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!scope.all()) {
            ScopeFilter.Condition c = scope.onAudit("a.");
            sql.add(c.sql());
            args.addAll(List.of(c.args()));
        }
        if (municipalityKeys != null) {
            // an empty set (a municipality nobody was audited in) matches nothing, as it should
            sql.add(municipalityKeys.isEmpty() ? "1 = 0" : "a.municipality_key IN (" + municipalityKeys.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")");
            args.addAll(new TreeSet<>(municipalityKeys));
        }
        if (kind != null) add(sql, args, "a.organization_kind = ?", kind);
        if (status != null) add(sql, args, "a.status = ?", status);
        if (text != null && !text.isBlank()) {
            // SQLite's LOWER and LIKE fold ASCII letters only: the name is matched in the spellings a person types a
            // Cyrillic word in (as typed, lower case, upper case, capitalised), the key (lower case already) in lower case
            Collection<String> spellings = spellings(text.strip());
            List<String> or = new ArrayList<>();
            for (String s : spellings) {
                or.add("a.organization_name LIKE ? ESCAPE '\\'");
                args.add("%" + escape(s) + "%");
            }
            or.add("a.organization_key LIKE ? ESCAPE '\\'");
            args.add("%" + escape(text.strip().toLowerCase(Locale.ROOT)) + "%");
            sql.add("(" + String.join(" OR ", or) + ")");
        }
        return new AuditRows.Where(sql.isEmpty() ? "1 = 1" : String.join(" AND ", sql), args.toArray());
    }

    private static void add(List<String> sql, List<Object> args, String condition, Object arg) {
        sql.add(condition);
        args.add(arg);
    }

    static Collection<String> spellings(String text) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String t : List.of(text, text.replace('ё', 'е'), text.replace('е', 'ё'))) {
            String lower = t.toLowerCase(Locale.ROOT);
            out.add(t);
            out.add(lower);
            out.add(t.toUpperCase(Locale.ROOT));
            out.add(lower.isEmpty() ? lower : lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1));
        }
        return out;
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"); }
}
