package ru.edu.auditor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import ru.edu.auditor.report.RemedyOrders;

/**
 * Remedy orders («предписания») in the audit store (tables {@code remedy_order}, {@code remedy_order_item}, migration
 * V30). An order is numbered per year when it is stored: the next number of its year, inside the insert's
 * transaction; the year and number are the primary key, so when two servers on one PostgreSQL number an order at the
 * same moment, one insert fails on the key and is retried with the next number — numbers are never shared. Rows are
 * only ever added.
 */
public final class RemedyOrderRepository {
    /** How often numbering is retried when another server took the number meanwhile. */
    static final int NUMBERING_ATTEMPTS = 20;
    private static final String ORDER_COLUMNS = "order_year, order_number, organization_key, organization_name, organization_kind, municipality,"
            + " municipality_key, region, region_key, issued_on, due_on, authority, signer_position, signer_name, issued_by, issued_at";
    private static final String ITEM_COLUMNS = "order_year, order_number, position, organization_key, decree_id, clause_id, decision_id, found_on,"
            + " judged_on, document, citation, quote, facts";

    private final Database db;

    RemedyOrderRepository(Database db) { this.db = db; }

    /** An order to store (its number and the time are given by the store). */
    public record New(String organizationKey, String organizationName, String organizationKind, String municipality, String municipalityKey,
                      String region, String regionKey, LocalDate issuedOn, LocalDate dueOn, String authority, String signerPosition,
                      String signerName, String issuedBy, List<RemedyOrders.Item> items) { }

    /** An item of a stored order with the order's number and dates: what a violation shows as «ordered, due». */
    public record Ordered(int year, int number, String organizationKey, String decree, String clause, String decisionId, LocalDate issuedOn,
                          LocalDate dueOn) {
        public String id() { return year + "-" + number; }
    }

    /** Stores {@code o} under the next number of its issue year; the order as stored. */
    public RemedyOrders.Issued issue(New o) {
        int year = o.issuedOn().getYear();
        if (!db.kind().equals("postgresql")) {
            // SQLite: one server per file; its read-then-insert transactions are taken one at a time (a deferred
            // transaction that read before another committed could not upgrade to writing)
            synchronized (db) {
                return numbered(o, year);
            }
        }
        return numbered(o, year);
    }

    private RemedyOrders.Issued numbered(New o, int year) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Jdbc.inTransaction(db, "cannot store a remedy order", c -> insert(c, o, year));
            } catch (StoreException e) {
                if (attempt < NUMBERING_ATTEMPTS && numberTaken(e)) continue;
                throw e;
            }
        }
    }

    private static RemedyOrders.Issued insert(Connection c, New o, int year) throws SQLException {
        int[] next = new int[1];
        Jdbc.each(c, false, "SELECT COALESCE(MAX(order_number), 0) + 1 FROM remedy_order WHERE order_year = ?", rs -> next[0] = rs.getInt(1), (long) year);
        Instant now = Instant.now();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO remedy_order (" + ORDER_COLUMNS + ") VALUES (" + "?, ".repeat(15) + "?)")) {
            int i = 0;
            st.setInt(++i, year);
            st.setInt(++i, next[0]);
            st.setString(++i, o.organizationKey());
            st.setString(++i, o.organizationName());
            st.setString(++i, o.organizationKind());
            st.setString(++i, o.municipality());
            st.setString(++i, o.municipalityKey());
            st.setString(++i, o.region());
            st.setString(++i, o.regionKey());
            st.setString(++i, o.issuedOn().toString());
            st.setString(++i, o.dueOn().toString());
            st.setString(++i, o.authority());
            st.setString(++i, o.signerPosition());
            st.setString(++i, o.signerName());
            st.setString(++i, o.issuedBy());
            st.setString(++i, Jdbc.INSTANT.format(now));
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO remedy_order_item (" + ITEM_COLUMNS + ") VALUES (" + "?, ".repeat(12) + "?)")) {
            int position = 0;
            for (RemedyOrders.Item it : o.items()) {
                int i = 0;
                st.setInt(++i, year);
                st.setInt(++i, next[0]);
                st.setInt(++i, position++);
                st.setString(++i, o.organizationKey());
                st.setString(++i, it.decree());
                st.setString(++i, it.clause());
                st.setString(++i, it.decisionId());
                st.setString(++i, it.foundOn().toString());
                st.setString(++i, it.judgedOn().toString());
                st.setString(++i, it.document());
                st.setString(++i, it.citation());
                st.setString(++i, it.quote());
                st.setString(++i, it.facts());
                st.addBatch();
            }
            st.executeBatch();
        }
        return new RemedyOrders.Issued(year, next[0], o.organizationKey(), o.organizationName(), o.organizationKind(), o.municipality(), o.municipalityKey(),
                o.region(), o.regionKey(), o.issuedOn(), o.dueOn(), o.authority(), o.signerPosition(), o.signerName(), o.issuedBy(),
                Instant.parse(Jdbc.INSTANT.format(now)), List.copyOf(o.items()));
    }

    /** Whether the failure is the primary key of another order of the same number (PostgreSQL 23505, SQLite constraint). */
    private static boolean numberTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                if ("23505".equals(s.getSQLState())) return true;
                if (s instanceof org.sqlite.SQLiteException lite && (lite.getResultCode().code & 0xff) == 19) return true;
            }
        }
        return false;
    }

    /** The order of that year and number. */
    public Optional<RemedyOrders.Issued> find(int year, int number, ScopeFilter visible) {
        ScopeFilter.Condition v = visible.onAudit("o.");
        List<Object> args = new ArrayList<>(List.of((long) year, (long) number));
        args.addAll(java.util.Arrays.asList(v.args()));
        List<RemedyOrders.Issued> found = orders(" WHERE o.order_year = ? AND o.order_number = ? AND " + v.sql(), args.toArray());
        return found.stream().findFirst();
    }

    /**
     * The orders of one organization (key; null: any) and of some municipalities (keys; null: any), latest first
     * (by year and number), among those {@code visible}.
     */
    public List<RemedyOrders.Issued> list(String organizationKey, Collection<String> municipalityKeys, ScopeFilter visible) {
        List<Object> args = new ArrayList<>();
        String where = where(organizationKey, municipalityKeys, visible, args, "o.");
        if (where == null) return List.of();
        return orders(where, args.toArray());
    }

    /** The items of the orders of one organization (null: any) and of some municipalities (null: any), in issue order. */
    public List<Ordered> ordered(String organizationKey, Collection<String> municipalityKeys, ScopeFilter visible) {
        List<Object> args = new ArrayList<>();
        String where = where(organizationKey, municipalityKeys, visible, args, "o.");
        if (where == null) return List.of();
        return Jdbc.withConnection(db, "cannot read the remedy orders", c -> Jdbc.list(c,
                "SELECT i.order_year, i.order_number, i.organization_key, i.decree_id, i.clause_id, i.decision_id, o.issued_on, o.due_on"
                        + " FROM remedy_order o JOIN remedy_order_item i ON i.order_year = o.order_year AND i.order_number = o.order_number" + where
                        + " ORDER BY o.order_year, o.order_number, i.position",
                rs -> new Ordered(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        Jdbc.date(rs.getString(7)), Jdbc.date(rs.getString(8))), args.toArray()));
    }

    private static String where(String organizationKey, Collection<String> municipalityKeys, ScopeFilter visible, List<Object> args, String alias) {
        if (municipalityKeys != null && municipalityKeys.isEmpty()) return null;
        List<String> parts = new ArrayList<>();
        ScopeFilter.Condition v = visible.onAudit(alias); // the order keeps its organization's keys as the audit does
        parts.add(v.sql());
        args.addAll(java.util.Arrays.asList(v.args()));
        if (organizationKey != null) {
            parts.add(alias + "organization_key = ?");
            args.add(organizationKey);
        }
        if (municipalityKeys != null) {
            parts.add(alias + "municipality_key IN (" + municipalityKeys.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")");
            args.addAll(municipalityKeys);
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private List<RemedyOrders.Issued> orders(String where, Object... args) {
        return Jdbc.withConnection(db, "cannot read the remedy orders", c -> {
            Map<String, RemedyOrders.Issued> out = new LinkedHashMap<>();
            Jdbc.each(c, false, "SELECT " + ORDER_COLUMNS + " FROM remedy_order o" + where + " ORDER BY o.order_year DESC, o.order_number DESC", rs -> {
                RemedyOrders.Issued s = new RemedyOrders.Issued(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), Jdbc.date(rs.getString(10)), Jdbc.date(rs.getString(11)), rs.getString(12), rs.getString(13),
                        rs.getString(14), rs.getString(15), Instant.parse(rs.getString(16)), new ArrayList<>());
                out.put(s.id(), s);
            }, args);
            if (out.isEmpty()) return List.of();
            String items = java.util.Arrays.stream(ITEM_COLUMNS.split(", ")).map(col -> "i." + col).collect(Collectors.joining(", "));
            Jdbc.each(c, false, "SELECT " + items + " FROM remedy_order_item i JOIN remedy_order o ON o.order_year = i.order_year"
                    + " AND o.order_number = i.order_number" + where + " ORDER BY i.order_year, i.order_number, i.position", rs -> {
                RemedyOrders.Issued s = out.get(rs.getInt(1) + "-" + rs.getInt(2));
                if (s != null) {
                    s.items().add(new RemedyOrders.Item(rs.getString(5), rs.getString(6), rs.getString(7), Jdbc.date(rs.getString(8)), Jdbc.date(rs.getString(9)),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }, args);
            return out.values().stream().map(s -> new RemedyOrders.Issued(s.year(), s.number(), s.organizationKey(), s.organizationName(), s.organizationKind(),
                    s.municipality(), s.municipalityKey(), s.region(), s.regionKey(), s.issuedOn(), s.dueOn(), s.authority(), s.signerPosition(),
                    s.signerName(), s.issuedBy(), s.issuedAt(), List.copyOf(s.items()))).toList();
        });
    }
}
