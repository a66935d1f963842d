package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stores storage tests run on: SQLite always (a fresh file), PostgreSQL when AUDITOR_TEST_PG_URL is set
 * (a fresh schema per store, dropped on close; e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres).
 * Counts the storage checks that passed on each, for the build log.
 */
public final class TestStores {
    public static final String PG_ENV = "AUDITOR_TEST_PG_URL";
    private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();

    private TestStores() { }

    /** Backend names for @MethodSource: "sqlite", "postgresql". */
    public static List<String> backends() { return List.of("sqlite", "postgresql"); }

    /** A store open on an empty database; PostgreSQL tests are skipped (not failed) when AUDITOR_TEST_PG_URL is unset. */
    public static final class Backend implements AutoCloseable {
        public final String name;
        public final StoreConfig config;
        public final Database db;
        private final String schema;

        private Backend(String name, StoreConfig config, String schema) {
            this.name = name;
            this.config = config;
            this.schema = schema;
            this.db = Database.open(config);
        }

        public AuditRepository repository() { return new AuditRepository(db); }

        /** Records that one storage check passed on this backend. */
        public void passed() { TestStores.passed(name); }

        @Override public void close() throws Exception {
            db.close();
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(System.getenv(PG_ENV)); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /** Records that one storage check passed on {@code backend}. */
    public static void passed(String backend) { PASSED.computeIfAbsent(backend, k -> new AtomicInteger()).incrementAndGet(); }

    public static Backend open(String name) throws Exception {
        if (name.equals("sqlite")) {
            Path dir = Files.createTempDirectory("auditor-store-");
            return new Backend(name, StoreConfig.sqlite(dir), null);
        }
        String url = System.getenv(PG_ENV);
        assumeTrue(url != null && !url.isBlank(), PG_ENV + " is not set: PostgreSQL storage tests skipped");
        String schema = "auditor_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return new Backend(name, new StoreConfig(withSchema(url, schema), null, null), schema);
    }

    /** The PostgreSQL URL with {@code currentSchema} set. */
    public static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The checks passed on each backend from now on: take one before a test class, print it after. */
    public static Tally tally() { return new Tally(counts()); }

    /** Counts since it was taken. */
    public record Tally(Map<String, Integer> start) {
        /** «storage checks passed: postgresql=7, sqlite=7». */
        public String summary() {
            Map<String, Integer> now = counts();
            StringBuilder out = new StringBuilder("storage checks passed:");
            now.forEach((b, n) -> out.append(' ').append(b).append('=').append(n - start.getOrDefault(b, 0)).append(','));
            out.setLength(out.length() - 1);
            return out.toString();
        }
    }

    private static Map<String, Integer> counts() {
        Map<String, Integer> m = new TreeMap<>();
        backends().forEach(b -> m.put(b, PASSED.getOrDefault(b, new AtomicInteger()).get()));
        return m;
    }
}
