package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.assembly.ServerAssembly;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/**
 * Issue 14: a seeded, deterministic fuzz run through the real HTTP server. Bodies are the fixtures' facts mutated
 * by a generator that knows the facts schema (wrong types at schema fields and anywhere in the document, ±1e400 and
 * other numbers no count holds, deep nesting, odd keys, control and bidi characters, long strings, broken JSON and
 * bytes that are not UTF-8). Each body goes to {@code POST /api/v1/audits} and, as a line, to
 * {@code POST /api/v1/audits/batch}. Asserted: no 5xx (and no batch line with status error), no Java class or
 * method name in any answer, every 400 and every invalid line names a field path.
 *
 * <p>A hand-written generator rather than jqwik or Jazzer: the mutations are specific to this schema and its JSON
 * mapping, the run must be one fixed, repeatable sequence (seed {@link #SEED}) and cheap to size, and it needs no
 * engine besides JUnit; shrinking, jqwik's main gift, matters little when every failure prints its body.
 */
class FuzzTest {
    static final long SEED = Long.getLong("auditor.fuzz.seed", 20261130L);
    /**
     * Bodies per run: the issue's 5,000 in the suite (most of the time is HTTP round trips); a quicker local run with
     * {@code -Dauditor.fuzz.bodies=1000}.
     */
    static final int BODIES = Integer.getInteger("auditor.fuzz.bodies", 5000);
    /** Lines per batch request: every body is also sent as one line of a batch. */
    static final int LINES_PER_BATCH = 100;
    static final Pattern JAVA = Pattern.compile("ru\\.edu\\.|java\\.|com\\.fasterxml|Exception|\\.java:");
    static final String AUDITOR = "auditor-secret-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();
    static Javalin app;
    static List<ObjectNode> bases = new ArrayList<>();
    static List<String> schemaPaths = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path rules = Path.of("rules");
        app = ServerAssembly.build(ServerAssembly.Options.withoutStore(rules, RuleSet.load(rules), Tokens.parse("anna:auditor:" + AUDITOR)))
                .start("127.0.0.1", 0);
        try (var dirs = Files.list(Path.of("fixtures"))) {
            for (Path d : dirs.sorted().toList()) for (Fixture f : FixtureRunner.load(d)) bases.add((ObjectNode) f.facts());
        }
        schemaFields(FactPaths.schema(), "", schemaPaths);
    }

    @AfterAll
    static void stop() { app.stop(); }

    /** Every field path the schema names, like {@code headcount.teachers.total} or {@code teachers[].id}. */
    static void schemaFields(JsonNode node, String prefix, List<String> out) {
        JsonNode n = resolve(node);
        if (n.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(p);
                if (p.split("\\.").length < 6) schemaFields(e.getValue(), p, out);
            }
        }
        if (n.has("items")) schemaFields(n.get("items"), prefix + "[]", out);
    }

    static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? FactPaths.schema().path("$defs").path(ref.asText().substring("#/$defs/".length())) : node;
    }

    /** One fuzzed body: bytes to send. */
    static byte[] body(Random rnd) {
        RAW.clear();
        ObjectNode doc = bases.get(rnd.nextInt(bases.size())).deepCopy();
        int mutations = 1 + rnd.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (rnd.nextInt(8)) {
                case 0 -> setAtSchemaPath(doc, rnd, wrongValue(rnd));
                case 1 -> setAtSchemaPath(doc, rnd, number(rnd));
                case 2 -> setAnywhere(doc, rnd, wrongValue(rnd));
                case 3 -> setAtSchemaPath(doc, rnd, JsonNodeFactory.instance.textNode(oddText(rnd)));
                case 4 -> oddKey(doc, rnd);
                case 5 -> setAnywhere(doc, rnd, deep(rnd));
                case 6 -> setAnywhere(doc, rnd, number(rnd));
                default -> { }
            }
        }
        String text = doc.toString();
        for (int k = 0; k < RAW.size(); k++) text = text.replace("\"__RAW" + k + "__\"", RAW.get(k));
        RAW.clear();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return rnd.nextInt(6) == 0 ? broken(bytes, rnd) : bytes;
    }

    /** JSON text put into the body as written (the tree cannot hold it): a placeholder replaced when the body is written. */
    static final List<String> RAW = new ArrayList<>();

    static JsonNode raw(String json) {
        RAW.add(json);
        return JsonNodeFactory.instance.textNode("__RAW" + (RAW.size() - 1) + "__");
    }

    /** Numbers written raw into the text (the tree cannot hold 1e400 as written). */
    static JsonNode number(Random rnd) {
        String[] raw = {"1e400", "-1e400", "1E+999", "2147483648", "-2147483649", "99999999999999999999999", "1e10", "1.5", "-1", "0", "-0",
                "4.9e-324", "1e-400", "123456789012345678901234567890.5", "2147483647"};
        return raw(raw[rnd.nextInt(raw.length)]);
    }

    static JsonNode wrongValue(Random rnd) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (rnd.nextInt(9)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(rnd.nextBoolean());
            case 2 -> f.textNode("2023-02-30");
            case 3 -> f.numberNode(rnd.nextInt());
            case 4 -> f.arrayNode().add(1).add("x");
            case 5 -> f.objectNode().put("x", 1);
            case 6 -> f.textNode("");
            case 7 -> f.numberNode(new BigDecimal(new BigInteger(100, rnd)));
            default -> f.textNode(oddText(rnd));
        };
    }

    static String oddText(Random rnd) {
        String[] pieces = {"\u0000", "\u001B[31m", "\n", "\r", "\t", "\u0085", "\u202E", "\u2066", "\u200E", "\u2028", "\"", "\\", "\uD800", "\uFEFF",
                "Школа «№1»", "' OR 1=1 --", "<script>", "%00", "${x}", "😀"};
        StringBuilder b = new StringBuilder();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) b.append(pieces[rnd.nextInt(pieces.length)]);
        if (rnd.nextInt(5) == 0) b.append("Я".repeat(rnd.nextBoolean() ? 1001 : 20_000));
        return b.toString();
    }

    /** Nesting written raw into the text (Jackson will not write a tree deeper than 1,000 levels). */
    static JsonNode deep(Random rnd) {
        int depth = rnd.nextBoolean() ? 50 : 1500;
        String open = rnd.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return raw(open.repeat(depth) + "1" + close.repeat(depth));
    }

    static void oddKey(ObjectNode doc, Random rnd) {
        String[] keys = {"", " ", "a.b", "$", "['x']", "__proto__", "\u0000", "ключ", "\n", "k".repeat(5000), "organization ", "asOf\u202E"};
        ObjectNode target = rnd.nextBoolean() ? doc : doc.path("organization") instanceof ObjectNode o ? o : doc;
        target.put(keys[rnd.nextInt(keys.length)], rnd.nextInt(100));
    }

    static void setAtSchemaPath(ObjectNode doc, Random rnd, JsonNode value) {
        String path = schemaPaths.get(rnd.nextInt(schemaPaths.size()));
        JsonNode node = doc;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            boolean item = parts[i].endsWith("[]");
            String name = item ? parts[i].substring(0, parts[i].length() - 2) : parts[i];
            boolean last = i == parts.length - 1;
            if (!(node instanceof ObjectNode o)) return;
            if (last && !item) {
                o.set(name, value);
                return;
            }
            JsonNode next = o.get(name);
            if (next == null) next = item ? o.putArray(name) : o.putObject(name);
            if (item) {
                if (!(next instanceof ArrayNode a)) return;
                if (a.isEmpty()) a.addObject();
                if (last) {
                    a.set(0, value);
                    return;
                }
                next = a.get(0);
            }
            node = next;
        }
    }

    static void setAnywhere(ObjectNode doc, Random rnd, JsonNode value) {
        List<JsonNode> containers = new ArrayList<>();
        collect(doc, containers);
        JsonNode c = containers.get(rnd.nextInt(containers.size()));
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            o.set(names.get(rnd.nextInt(names.size())), value);
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            a.set(rnd.nextInt(a.size()), value);
        } else if (c instanceof ObjectNode o) {
            o.set("x", value);
        }
    }

    static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.elements().forEachRemaining(e -> collect(e, out));
        }
    }

    static byte[] broken(byte[] bytes, Random rnd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch (rnd.nextInt(6)) {
            case 0 -> b.write(bytes, 0, rnd.nextInt(Math.max(1, bytes.length)));
            case 1 -> {
                b.writeBytes(bytes);
                b.writeBytes(" {}".getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> {
                int at = rnd.nextInt(bytes.length);
                b.write(bytes, 0, at);
                b.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, 0, 3);
                b.write(bytes, at, bytes.length - at);
            }
            case 3 -> b.writeBytes("{\"organization\": NaN, 'asOf': 01, /* c */}".getBytes(StandardCharsets.UTF_8));
            case 4 -> {
                b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 0, 3);
                b.writeBytes(bytes);
            }
            default -> b.writeBytes("[".repeat(3000).getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    @Test
    void fuzzedBodiesGetNo5xxNoJavaNamesAndEvery400NamesAField() throws Exception {
        Random rnd = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        int javaNames = 0, batchLines = 0, batchErrors = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < BODIES; i++) {
            byte[] body = body(rnd);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/audits"))
                    .header("Authorization", "Bearer " + AUDITOR).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String why = check(r.statusCode(), r.body());
            if (JAVA.matcher(r.body()).find()) javaNames++;
            if (why != null && failures.size() < 20) failures.add(why + " ← body #" + i + ": " + preview(body));
            if (indexOf(body, (byte) '\n') < 0) lines.add(body);
            if (lines.size() == LINES_PER_BATCH || (i == BODIES - 1 && !lines.isEmpty())) {
                ByteArrayOutputStream nd = new ByteArrayOutputStream();
                for (byte[] l : lines) {
                    nd.writeBytes(l);
                    nd.write('\n');
                }
                HttpResponse<String> b = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/audits/batch"))
                        .header("Authorization", "Bearer " + AUDITOR).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(nd.toByteArray())).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (b.statusCode() != 200) failures.add("batch answered " + b.statusCode() + ": " + b.body());
                if (JAVA.matcher(b.body()).find()) {
                    javaNames++;
                    failures.add("Java name in a batch answer: " + JAVA.matcher(b.body()).results().findFirst().map(m -> m.group()).orElse(""));
                }
                for (String rec : b.body().split("\n")) {
                    JsonNode n = Json.mapper().readTree(rec);
                    if (n.has("summary")) continue;
                    batchLines++;
                    String status = n.path("status").asText();
                    if ("error".equals(status)) {
                        batchErrors++;
                        failures.add("batch line failed: " + rec);
                    } else if ("invalid".equals(status) && !namesFields(n.path("errors"))) {
                        failures.add("invalid batch line without field paths: " + rec);
                    }
                }
                lines.clear();
            }
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        int fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        System.out.printf("FuzzTest: seed %d, %d bodies in %d s; statuses %s; %d batch lines (%d with status error); 5xx %d; answers with Java names %d%n",
                SEED, BODIES, seconds, statuses, batchLines, batchErrors, fiveHundreds, javaNames);
        assertEquals(List.of(), failures);
        assertEquals(0, fiveHundreds);
        assertEquals(0, javaNames);
        assertTrue(statuses.getOrDefault(400, 0) > BODIES / 2, "too few bodies refused for the run to mean anything: " + statuses);
    }

    /** Time each of the further fuzz runs (workbooks, form bodies, impact zips) may take: they stop early, never late. */
    static final long BUDGET_NANOS = Long.getLong("auditor.fuzz.budgetSeconds", 25) * 1_000_000_000L;

    /**
     * Issue 22: workbooks mutated where the reader parses them (row and cell references, style numbers, number
     * formats, cell types and values, a long cell, parts removed, bytes flipped or cut) go to both workbook routes:
     * no 5xx, no Java name, every refusal a Russian problem.
     */
    @Test
    void fuzzedWorkbooksGetNo5xxAndNoJavaNames() throws Exception {
        Random rnd = new Random(SEED + 1);
        byte[] organization = ru.edu.auditor.formats.sheets.HostileWorkbooks.organizationTemplate();
        byte[] district = ru.edu.auditor.formats.sheets.HostileWorkbooks.districtRows(3);
        Map<String, Map<String, byte[]>> books = Map.of("organization", unpack(organization), "district", unpack(district));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0, javaNames = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < BUDGET_NANOS && sent < 2_000) {
            String kind = rnd.nextBoolean() ? "organization" : "district";
            byte[] book = mutateWorkbook(books.get(kind), rnd);
            String path = rnd.nextBoolean() ? "/api/v1/audits" : "/api/v1/audits/batch";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                    .header("Authorization", "Bearer " + AUDITOR).header("Content-Type", ru.edu.auditor.service.intake.SheetIntake.XLSX)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(book)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            sent++;
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (JAVA.matcher(r.body()).find()) javaNames++;
            boolean ok = r.statusCode() == 200 || (r.statusCode() >= 400 && r.statusCode() < 500 && r.body().matches("(?s).*[А-Яа-я].*"));
            if ((!ok || JAVA.matcher(r.body()).find() || r.body().contains("\"status\":\"error\"")) && failures.size() < 20) {
                failures.add(path + " " + r.statusCode() + ": " + preview(r.body().getBytes(StandardCharsets.UTF_8)));
            }
        }
        int fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        System.out.printf("FuzzTest workbooks: seed %d, %d workbooks in %d s; statuses %s; 5xx %d; answers with Java names %d%n",
                SEED + 1, sent, (System.nanoTime() - t0) / 1_000_000_000, statuses, fiveHundreds, javaNames);
        assertEquals(List.of(), failures);
        assertEquals(0, fiveHundreds);
        assertEquals(0, javaNames);
        assertTrue(sent >= 10 && statuses.getOrDefault(400, 0) > 0, "too few workbooks for the run to mean anything: " + statuses);
    }

    /**
     * Issue 22: the workspace's audit form posted with fields set to odd text (control and bidi characters, quotes,
     * long text), rows added, removed and pasted (tabs and line breaks), small row numbers declared: no 5xx, no Java
     * name. (Huge row numbers and indexes are finding 5, the form's own limits, and not drawn here.)
     */
    @Test
    void fuzzedFormBodiesGetNo5xxAndNoJavaNames() throws Exception {
        Javalin web = app; // the server serve builds: the workspace beside the API, here without a store
        String base = "http://127.0.0.1:" + web.port();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher lt = Pattern.compile("name=\"loginToken\" value=\"([^\"]*)\"").matcher(login);
        assertTrue(lt.find(), login);
        browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("loginToken=" + enc(lt.group(1)) + "&token=" + AUDITOR + "&next=%2F")).build(),
                HttpResponse.BodyHandlers.ofString());
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/audits/new")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher cm = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(cm.find(), page);
        String csrf = cm.group(1);
        List<String> names = new ArrayList<>(Pattern.compile("name=\"([^\"]+)\"").matcher(page).results().map(m -> m.group(1))
                .filter(n -> !n.equals("csrf")).distinct().toList());
        List<String> tables = names.stream().filter(n -> n.endsWith(".rows")).map(n -> n.substring(0, n.length() - ".rows".length())).toList();
        for (String t : tables) { // a row of each table, to learn its columns' names
            String added = browser.send(HttpRequest.newBuilder(URI.create(base + "/audits/new")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf) + "&action=" + enc("add:" + t))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Pattern.compile("name=\"(" + Pattern.quote(t) + "\\[\\d+][^\"]+)\"").matcher(added).results().map(m -> m.group(1))
                    .filter(n -> !names.contains(n)).forEach(names::add);
        }
        names.removeIf(n -> n.equals("viewport") || n.equals("htmx-config") || n.equals("workbook"));
        assertTrue(names.size() > 20 && !tables.isEmpty() && names.stream().anyMatch(n -> n.contains("[0].")), "the form's fields: " + names);
        Random rnd = new Random(SEED + 2);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0, javaNames = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < BUDGET_NANOS && sent < 3_000) {
            StringBuilder body = new StringBuilder("csrf=").append(enc(csrf));
            int fields = 1 + rnd.nextInt(12);
            for (int k = 0; k < fields; k++) {
                String name = names.get(rnd.nextInt(names.size()));
                if (rnd.nextInt(4) == 0 && name.matches(".*\\[\\d+].*")) name = name.replaceFirst("\\[\\d+]", "[" + rnd.nextInt(60) + "]");
                String value = switch (rnd.nextInt(6)) {
                    case 0 -> oddText(rnd);
                    case 1 -> String.valueOf(rnd.nextInt(200_000) - 100);
                    case 2 -> "2023-" + (1 + rnd.nextInt(14)) + "-" + (1 + rnd.nextInt(33));
                    case 3 -> "";
                    case 4 -> "да";
                    default -> "Сферум";
                };
                body.append('&').append(enc(name)).append('=').append(enc(value));
            }
            String table = tables.get(rnd.nextInt(tables.size()));
            switch (rnd.nextInt(5)) {
                case 0 -> body.append("&action=").append(enc("add:" + table)).append('&').append(enc(table + ".rows")).append('=').append(rnd.nextInt(50));
                case 1 -> body.append("&action=").append(enc("remove:" + table + ":" + rnd.nextInt(60)));
                case 2 -> body.append("&action=").append(enc("paste:" + table)).append('&').append(enc(table + ".paste")).append('=')
                        .append(enc("a\tb\tc\n" + oddText(rnd) + "\t1\t\r\n\t\t\t\t\t\t\n"));
                case 3 -> body.append("&action=").append(enc(oddText(rnd)));
                default -> body.append("&action=audit");
            }
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(base + "/audits/new"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            sent++;
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (JAVA.matcher(r.body()).find()) javaNames++;
            if ((r.statusCode() >= 500 || JAVA.matcher(r.body()).find()) && failures.size() < 20) {
                failures.add(r.statusCode() + " ← " + body.substring(0, Math.min(400, body.length())));
            }
        }
        int fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        System.out.printf("FuzzTest form bodies: seed %d, %d bodies in %d s; statuses %s; 5xx %d; answers with Java names %d%n",
                SEED + 2, sent, (System.nanoTime() - t0) / 1_000_000_000, statuses, fiveHundreds, javaNames);
        assertEquals(List.of(), failures);
        assertEquals(0, fiveHundreds);
        assertEquals(0, javaNames);
        assertTrue(sent >= 50 && statuses.getOrDefault(400, 0) > 0, "too few bodies for the run to mean anything: " + statuses);
    }

    /**
     * Issue 22: candidate rules zips for {@code POST /api/v1/rules/impact} with bytes flipped or cut, entries named
     * oddly (absolute, «..», a name both file and folder, control characters, backslashes, duplicates) and, now and
     * then, a rule file garbled (it then compiles and is refused with 422): no 5xx, no Java name, every refusal Russian.
     */
    @Test
    void fuzzedImpactZipsGetNo5xxAndNoJavaNames() throws Exception {
        String author = "author-secret-0123456789";
        try (ru.edu.auditor.store.TestStores.Backend store = ru.edu.auditor.store.TestStores.open("sqlite")) {
            Javalin impactApp = TestApi.start(store.repository(), "rita:rule_author:" + author);
            try {
                Map<String, byte[]> rules = new TreeMap<>(ru.edu.auditor.engine.RulesFiles.read(Path.of("rules")).files());
                Random rnd = new Random(SEED + 3);
                Map<Integer, Integer> statuses = new TreeMap<>();
                List<String> failures = new ArrayList<>();
                int sent = 0, javaNames = 0, compiled = 0;
                long t0 = System.nanoTime();
                // a zip that reaches the compiler starts an impact's child JVM (seconds on a busy machine): the run goes on
                // past its budget until 20 zips were sent, within four budgets at most
                while ((System.nanoTime() - t0 < BUDGET_NANOS || sent < 20) && System.nanoTime() - t0 < 4 * BUDGET_NANOS && sent < 2_000) {
                    Map<String, byte[]> files = new java.util.LinkedHashMap<>(rules);
                    List<String> names = new ArrayList<>(files.keySet());
                    boolean garble = compiled < 1 && rnd.nextInt(10) == 0; // a compile takes seconds: one per run
                    if (garble) {
                        String victim = names.get(rnd.nextInt(names.size()));
                        byte[] b = files.get(victim).clone();
                        for (int k = 0; k < 5; k++) if (b.length > 0) b[rnd.nextInt(b.length)] = (byte) "{}()\"';$\n\u0000é".charAt(rnd.nextInt(11));
                        files.put(victim, b);
                    } else {
                        // a few of the files (quick to send) and at least one entry no rules folder may hold
                        files.keySet().retainAll(names.subList(0, Math.min(names.size(), 3 + rnd.nextInt(5))));
                        String[] odd = {"/etc/x", "../x", "decrees/../../x", "C:/x", "decrees\\..\\..\\x", "decrees/a\u0000b", "decrees/a"};
                        for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                            String name = odd[rnd.nextInt(odd.length)];
                            files.put(name, "x".getBytes(StandardCharsets.UTF_8));
                            if (name.equals("decrees/a")) files.put("decrees/a/b.txt", new byte[1]);
                        }
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
                        for (Map.Entry<String, byte[]> e : files.entrySet()) {
                            try {
                                z.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                            } catch (java.util.zip.ZipException | IllegalArgumentException dup) {
                                continue;
                            }
                            z.write(e.getValue());
                            z.closeEntry();
                        }
                    }
                    byte[] zip = out.toByteArray();
                    if (!garble && rnd.nextInt(3) == 0) for (int k = 0; k < 1 + rnd.nextInt(30); k++) zip[rnd.nextInt(zip.length)] ^= (byte) (1 + rnd.nextInt(255));
                    if (!garble && rnd.nextInt(4) == 0) zip = java.util.Arrays.copyOf(zip, rnd.nextInt(zip.length));
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + impactApp.port() + "/api/v1/rules/impact"))
                            .header("Authorization", "Bearer " + author).header("Content-Type", "application/zip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    sent++;
                    if (garble) compiled++;
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    if (JAVA.matcher(r.body()).find()) javaNames++;
                    // the zip's own refusals (the compiler's messages in a 422 are the rule author's reference, by file and line)
                    boolean english = (r.statusCode() == 400 || r.statusCode() == 413) && Pattern.compile("(?i)\\b(invalid|unexpected|stream|zlib|header|entry|error)\\b")
                            .matcher(Json.mapper().readTree(r.body()).path("detail").asText()).find();
                    if ((r.statusCode() >= 500 || JAVA.matcher(r.body()).find() || english) && failures.size() < 20) {
                        failures.add(r.statusCode() + ": " + preview(r.body().getBytes(StandardCharsets.UTF_8)));
                    }
                }
                int fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
                System.out.printf("FuzzTest impact zips: seed %d, %d zips in %d s (%d garbled rule files compiled); statuses %s; 5xx %d; answers with Java names %d%n",
                        SEED + 3, sent, (System.nanoTime() - t0) / 1_000_000_000, compiled, statuses, fiveHundreds, javaNames);
                assertEquals(List.of(), failures);
                assertEquals(0, fiveHundreds);
                assertEquals(0, javaNames);
                assertTrue(sent >= 20 && statuses.getOrDefault(400, 0) > 0, "too few zips for the run to mean anything: " + statuses);
            } finally {
                impactApp.stop();
            }
        }
    }

    static String enc(String s) { return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static Map<String, byte[]> unpack(byte[] zip) throws Exception {
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        Path tmp = Files.createTempFile("fuzz-", ".xlsx");
        try {
            Files.write(tmp, zip);
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(tmp.toFile())) {
                for (java.util.zip.ZipEntry e : java.util.Collections.list(z.entries())) {
                    try (var in = z.getInputStream(e)) {
                        parts.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return parts;
    }

    static byte[] mutateWorkbook(Map<String, byte[]> parts, Random rnd) throws Exception {
        Map<String, byte[]> copy = new java.util.LinkedHashMap<>(parts);
        List<String> xml = copy.keySet().stream().filter(n -> n.endsWith(".xml") && (n.contains("worksheets/") || n.contains("styles")
                || n.contains("sharedStrings") || n.contains("workbook.xml"))).sorted().toList();
        int mutations = 1 + rnd.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            String name = xml.get(rnd.nextInt(xml.size()));
            byte[] current = copy.get(name);
            if (current == null) continue; // an earlier mutation removed this part
            String text = new String(current, StandardCharsets.UTF_8);
            String[] attributes = {"r", "s", "t", "numFmtId", "count", "date1904", "sheetId"};
            String[] values = {"abc", "99999999999", "-1", "0", "", "1e5", "XFE1", "A0", "ZZZZ99999999", "\u0001", "2147483648", "inlineStr", "s", "e", "b",
                    "d", "n", "str", "1048577", "A1048577"};
            switch (rnd.nextInt(7)) {
                case 0, 1, 2 -> { // one attribute's value replaced
                    String a = attributes[rnd.nextInt(attributes.length)];
                    java.util.regex.Matcher mm = Pattern.compile(" " + a + "=\"[^\"]*\"").matcher(text);
                    List<int[]> at = new ArrayList<>();
                    while (mm.find() && at.size() < 500) at.add(new int[] {mm.start(), mm.end()});
                    if (!at.isEmpty()) {
                        int[] one = at.get(rnd.nextInt(at.size()));
                        String v = values[rnd.nextInt(values.length)].replace("\u0001", "&#1;");
                        text = text.substring(0, one[0]) + " " + a + "=\"" + v + "\"" + text.substring(one[1]);
                    }
                }
                case 3 -> { // a value replaced by odd text or a long one
                    java.util.regex.Matcher mm = Pattern.compile("<(v|t)>[^<]*</(v|t)>").matcher(text);
                    if (mm.find()) {
                        String v = rnd.nextInt(4) == 0 ? "Я".repeat(rnd.nextBoolean() ? 32_768 : 1_000) : oddText(rnd).replace("&", "&amp;")
                                .replace("<", "&lt;").replaceAll("[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]", "?");
                        text = text.substring(0, mm.start()) + "<" + mm.group(1) + ">" + v + "</" + mm.group(1) + ">" + text.substring(mm.end());
                    }
                }
                case 4 -> text = text.substring(0, rnd.nextInt(Math.max(1, text.length()))); // cut
                case 5 -> copy.remove(name);
                default -> text = text.replaceFirst("<c ", "<c r=\"" + values[rnd.nextInt(values.length)] + "\" ");
            }
            if (copy.containsKey(name)) copy.put(name, text.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : copy.entrySet()) {
                z.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        byte[] book = out.toByteArray();
        if (rnd.nextInt(8) == 0) for (int k = 0; k < 1 + rnd.nextInt(20); k++) book[rnd.nextInt(book.length)] ^= (byte) (1 + rnd.nextInt(255));
        if (rnd.nextInt(10) == 0) book = java.util.Arrays.copyOf(book, rnd.nextInt(book.length));
        return book;
    }

    /** Why an answer breaks a promise, or null. */
    static String check(int status, String body) throws Exception {
        if (status >= 500) return "status " + status + ": " + body;
        if (JAVA.matcher(body).find()) return "Java name in: " + body;
        if (status == 400) {
            JsonNode p = Json.mapper().readTree(body);
            if (!namesFields(p.path("errors"))) return "400 without field paths: " + body;
        } else if (status != 200 && status != 413) {
            return "unexpected status " + status + ": " + body;
        }
        return null;
    }

    static boolean namesFields(JsonNode errors) {
        if (!errors.isArray() || errors.isEmpty()) return false;
        for (JsonNode e : errors) if (e.path("path").asText("").isEmpty()) return false;
        return true;
    }

    static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }

    static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
