package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stores storage tests run on: SQLite always (a fresh file), PostgreSQL when AUDITOR_TEST_PG_URL is set
 * (a fresh schema per store, dropped on close; e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or,
 * when it is unset, when the PostgreSQL of this machine answers on 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres} or {@code root}, as {@code .ci/run} looks for it): a plain {@code mvn verify} runs the same
 * tests CI runs. When none answers, the build log says once why the PostgreSQL tests are skipped.
 * Counts the storage checks that passed on each, for the build log.
 */
public final class TestStores {
    public static final String PG_ENV = "AUDITOR_TEST_PG_URL";
    private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();

    /** Where a PostgreSQL of this machine is looked for when AUDITOR_TEST_PG_URL is unset, in this order. */
    static final List<String> LOCAL_CANDIDATES = List.of(
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=root");
    private static volatile Optional<String> pgUrl;
    private static volatile String pgSkipReason;

    private TestStores() { }

    /**
     * The PostgreSQL the tests use: AUDITOR_TEST_PG_URL, else the first local candidate that answers within two
     * seconds; empty (with the reason printed once) when there is none. Looked up once per test JVM.
     */
    public static Optional<String> pgUrl() {
        Optional<String> known = pgUrl;
        if (known != null) return known;
        synchronized (TestStores.class) {
            if (pgUrl != null) return pgUrl;
            String env = System.getenv(PG_ENV);
            if (env != null && !env.isBlank()) {
                pgUrl = Optional.of(env.strip());
                return pgUrl;
            }
            List<String> tried = new ArrayList<>();
            for (String candidate : LOCAL_CANDIDATES) {
                try (Connection c = DriverManager.getConnection(candidate + "&connectTimeout=2&loginTimeout=2&socketTimeout=5");
                     Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                    System.out.println("[TestStores] " + PG_ENV + " is not set; PostgreSQL storage tests use the local " + candidate);
                    pgUrl = Optional.of(candidate);
                    return pgUrl;
                } catch (Exception e) {
                    tried.add(candidate + " (" + firstLine(e.getMessage()) + ")");
                }
            }
            pgSkipReason = PG_ENV + " is not set and no local PostgreSQL answered: tried " + String.join(", ", tried)
                    + "; PostgreSQL storage tests are skipped";
            System.out.println("[TestStores] " + pgSkipReason);
            pgUrl = Optional.empty();
            return pgUrl;
        }
    }

    /** Skips the calling test (JUnit assumption) when there is no PostgreSQL; otherwise its URL. */
    public static String requirePg() {
        Optional<String> url = pgUrl();
        assumeTrue(url.isPresent(), () -> pgSkipReason);
        return url.get();
    }

    private static String firstLine(String s) {
        if (s == null) return "no answer";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Backend names for @MethodSource: "sqlite", "postgresql". */
    public static List<String> backends() { return List.of("sqlite", "postgresql"); }

    /** A store open on an empty database; PostgreSQL tests are skipped (not failed, the reason printed) when there is no PostgreSQL. */
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
                try (Connection c = DriverManager.getConnection(pgUrl().orElseThrow()); Statement st = c.createStatement()) {
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
        String url = requirePg();
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
