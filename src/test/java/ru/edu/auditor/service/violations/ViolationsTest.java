package ru.edu.auditor.service.violations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.documents.RemedyOrderDocuments;
import ru.edu.auditor.report.RemedyOrder;
import ru.edu.auditor.report.ReportVerdicts;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.store.AuditIndex;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.Database;
import ru.edu.auditor.report.RemedyOrders;
import ru.edu.auditor.store.RemedyOrderRepository;
import ru.edu.auditor.store.StoredAudit;
import ru.edu.auditor.store.TestStores;

/**
 * Violations followed to the end on both stores: opened by a FAIL, kept by later FAILs, closed by the first later
 * PASS / EXEMPT / repeal naming that audit, re-opened as a new entry — all by the date the facts describe, whatever
 * the order the audits were entered in; remedy orders numbered per year (also by two servers at once), printed the
 * same in PDF and Word, and an order's due date making an open violation overdue.
 */
public class ViolationsTest {
    public static final String D47 = "khasavyurt-uo-47-2023";
    public static final String ORG = "org-school-1";
    static final Tokens.Principal AUDITOR = new Tokens.Principal("olga", Role.auditor);
    static RulesHolder rules;

    static List<String> backends() { return TestStores.backends(); }

    @BeforeAll
    static void rules() throws Exception {
        // with the sample order № 96: п. 2.3 of order № 47 is repealed from 01.09.2025
        rules = new RulesHolder(RuleSet.load(TestRules.copyWithSamples("khasavyurt-uo-96-2025")));
    }

    private static LocalDate d(String s) { return LocalDate.parse(s); }

    private static int seq;

    /** Stores an audit of {@code org} as of {@code asOf}, entered now (so the order of calls is the order of entry). */
    public static String audit(AuditRepository repo, String org, String asOf, String clause, String verdict) {
        return audit(repo, org, asOf, Map.of(clause, verdict), "non-compliant");
    }

    public static String audit(AuditRepository repo, String org, String asOf, Map<String, String> clauses, String decreeStatus) {
        String id = "audit-" + asOf + "-" + (++seq);
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("decisionId", id);
        report.put("asOf", asOf);
        report.put("status", decreeStatus);
        ObjectNode o = report.putObject("organization");
        o.put("name", "МКОУ «Первая школа»");
        o.put("kind", "general");
        o.put("municipality", "Хасавюртовский район");
        o.put("region", "Республика Дагестан");
        ArrayNode decrees = report.putArray("decrees");
        ObjectNode dn = decrees.addObject();
        dn.put("id", D47);
        dn.put("kind", "приказ");
        dn.put("number", "47");
        dn.put("date", "2023-09-20");
        dn.put("applicable", !"not-applicable".equals(decreeStatus) || !clauses.isEmpty());
        dn.put("status", decreeStatus);
        ArrayNode cs = dn.putArray("clauses");
        clauses.forEach((clause, verdict) -> {
            ObjectNode c = cs.addObject();
            c.put("clause", clause);
            c.put("status", verdict);
            c.put("citation", "п. " + clause + " Приказа МКУ «Управление образования» № 47");
            c.put("text", "Обеспечить регистрацию всех педагогических работников в «Сферуме».");
            c.put("explanation", "Зарегистрированы 12 из 40 педагогических работников (30 %), требуется 100 %.");
        });
        Map<String, ReportVerdicts.DecreeVerdicts> verdicts = new LinkedHashMap<>();
        verdicts.put(D47, new ReportVerdicts.DecreeVerdicts(decreeStatus, new LinkedHashMap<>(clauses)));
        StoredAudit a = new StoredAudit(id, org, "МКОУ «Первая школа»", "general", "Республика Дагестан", "Хасавюртовский район", "хасавюртовск",
                d(asOf), null, null, decreeStatus, "test", Instant.now().plusMillis(seq), "olga", Boolean.TRUE, null, null, null, "{}", report.toString());
        repo.writer().save(a, new AuditIndex(null, null, null, verdicts, null));
        return id;
    }

    static ViolationService violations(AuditRepository repo, String today) {
        return new ViolationService(repo, rules, new Visibility(rules::catalog, repo), Clock.fixed(d(today).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    static List<Violation> of(AuditRepository repo) {
        return violations(repo, "2026-01-01").timeline(ORG, AUDITOR);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aFailOpensOneViolationThatLaterFailsKeepAndALaterPassClosesNamingThatAudit(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            String first = audit(repo, ORG, "2024-10-01", "3.1", "FAIL");
            List<Violation> v = of(repo);
            assertEquals(1, v.size());
            assertTrue(v.get(0).open());
            assertEquals(first, v.get(0).foundBy());
            String second = audit(repo, ORG, "2024-11-01", "3.1", "FAIL");
            audit(repo, ORG, "2024-11-15", "3.1", "NO_DATA"); // says nothing either way
            v = of(repo);
            assertEquals(1, v.size(), "one violation, not one per audit");
            assertEquals(2, v.get(0).failures());
            assertEquals(second, v.get(0).lastFailedBy());
            assertEquals(d("2024-10-01"), v.get(0).foundOn());
            String pass = audit(repo, ORG, "2024-12-01", "3.1", "PASS");
            v = of(repo);
            assertEquals(1, v.size());
            assertFalse(v.get(0).open());
            assertEquals(pass, v.get(0).closedBy());
            assertEquals(d("2024-12-01"), v.get(0).closedOn());
            assertEquals(Violation.Closure.FIXED, v.get(0).closure());
            assertEquals("устранено: пункт выполнен", v.get(0).closure().words());
            // another organization's audits are its own
            audit(repo, "org-other", "2024-12-02", "3.1", "FAIL");
            assertEquals(1, of(repo).size());
            assertEquals(2, violations(repo, "2026-01-01").find(ViolationService.Query.all(), AUDITOR).size());
            b.passed();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aLateEnteredEarlierAuditNeitherClosesNorReopens(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            // found in November; an October PASS entered afterwards is earlier by its facts: it does not close it
            String nov = audit(repo, ORG, "2024-11-01", "3.1", "FAIL");
            audit(repo, ORG, "2024-10-01", "3.1", "PASS");
            List<Violation> v = of(repo);
            assertEquals(1, v.size());
            assertTrue(v.get(0).open(), "a late-entered October audit does not close a violation found in November");
            assertEquals(nov, v.get(0).foundBy());
            // closed in December; a late-entered November FAIL (earlier than December) does not re-open it
            String dec = audit(repo, ORG, "2024-12-01", "3.1", "PASS");
            String lateNov = audit(repo, ORG, "2024-11-20", "3.1", "FAIL");
            v = of(repo);
            assertEquals(1, v.size(), "still one violation: " + v);
            assertEquals(dec, v.get(0).closedBy());
            assertEquals(lateNov, v.get(0).lastFailedBy());
            assertEquals(2, v.get(0).failures());
            // a late-entered September FAIL (before the October PASS) is a violation of its own, closed by that PASS
            String sep = audit(repo, ORG, "2024-09-01", "3.1", "FAIL");
            v = of(repo);
            assertEquals(2, v.size());
            assertEquals(sep, v.get(0).foundBy());
            assertEquals(d("2024-10-01"), v.get(0).closedOn());
            assertEquals(nov, v.get(1).foundBy());
            b.passed();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void passThenFailAgainIsANewEntry(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            audit(repo, ORG, "2024-10-01", "3.1", "FAIL");
            audit(repo, ORG, "2024-11-01", "3.1", "PASS");
            String again = audit(repo, ORG, "2024-12-01", "3.1", "FAIL");
            List<Violation> v = of(repo);
            assertEquals(2, v.size());
            assertFalse(v.get(0).open());
            assertTrue(v.get(1).open());
            assertEquals(again, v.get(1).foundBy());
            assertEquals(1, violations(repo, "2026-01-01").find(new ViolationService.Query(null, "Хасавюртовский район", null, null,
                    Violation.State.OPEN), AUDITOR).size());
            assertEquals(1, violations(repo, "2026-01-01").find(new ViolationService.Query(null, null, D47, "3.1", Violation.State.CLOSED), AUDITOR).size());
            b.passed();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void repealAndExemptionCloseAsSuchAndOtherNotApplicableDoesNot(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            audit(repo, ORG, "2025-06-01", "2.3", "FAIL");
            // not applicable before the repeal (another reason): no evidence the violation was remedied
            audit(repo, ORG, "2025-07-01", "2.3", "NOT_APPLICABLE");
            assertTrue(of(repo).get(0).open());
            String repealed = audit(repo, ORG, "2025-10-01", "2.3", "NOT_APPLICABLE");
            Violation v = of(repo).get(0);
            assertEquals(Violation.Closure.REPEALED, v.closure());
            assertEquals(repealed, v.closedBy());
            assertEquals("закрыто: пункт утратил силу", v.closure().words());

            audit(repo, ORG, "2024-10-01", "3.2", "FAIL");
            String exempt = audit(repo, ORG, "2024-11-01", "3.2", "EXEMPT");
            Violation e = of(repo).stream().filter(x -> x.clause().equals("3.2")).findFirst().orElseThrow();
            assertEquals(Violation.Closure.EXEMPT, e.closure());
            assertEquals(exempt, e.closedBy());
            assertEquals("закрыто: организация освобождена от исполнения пункта", e.closure().words());
            b.passed();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aRemedyOrderIsNumberedPerYearShowsItsDueDateAndAnOpenViolationPastItIsOverdue(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            audit(repo, ORG, "2026-10-01", "3.1", "FAIL");
            String cited = audit(repo, ORG, "2026-11-01", Map.of("3.1", "FAIL", "3.2", "FAIL"), "non-compliant");
            ViolationService today = violations(repo, "2026-11-10");
            RemedyOrderService orders = new RemedyOrderService(repo, rules, today);
            RemedyOrderService.Request ok = new RemedyOrderService.Request(ORG, List.of(new RemedyOrderService.ClauseRef(D47, "3.1"),
                    new RemedyOrderService.ClauseRef(D47, "3.2")), "2026-12-01", null, "МКУ «Управление образования» Хасавюртовского района",
                    "Начальник управления", "А. А. Алиев");
            RemedyOrderService.Outcome first = orders.issue(ok, AUDITOR);
            assertTrue(first.issued(), () -> first.problems().toString());
            assertEquals(1, first.order().number());
            assertEquals(2026, first.order().year());
            assertEquals(cited, first.order().items().get(0).decisionId(), "the order cites the latest failing audit");
            assertEquals(d("2026-10-01"), first.order().items().get(0).foundOn());
            assertEquals(2, orders.issue(ok, AUDITOR).order().number());

            Violation v = today.open(ORG, D47, "3.1", AUDITOR).orElseThrow();
            assertEquals(d("2026-12-01"), v.dueOn());
            assertEquals(2, v.orders().size());
            assertFalse(v.overdue());
            ViolationService later = violations(repo, "2026-12-02");
            assertTrue(later.open(ORG, D47, "3.1", AUDITOR).orElseThrow().overdue());
            assertEquals(2, later.find(new ViolationService.Query(null, null, null, null, Violation.State.OVERDUE), AUDITOR).size());
            assertEquals(Map.of(ORG, 2), later.overdueByOrganization("Хасавюртовский район", AUDITOR));
            // fixed after the due date: closed, no longer overdue, remedied late
            audit(repo, ORG, "2026-12-05", "3.1", "PASS");
            Violation closed = violations(repo, "2026-12-10").timeline(ORG, AUDITOR).stream().filter(x -> x.clause().equals("3.1")).findFirst().orElseThrow();
            assertFalse(closed.overdue());
            assertTrue(closed.closedLate());
            assertEquals(1, violations(repo, "2026-12-10").find(new ViolationService.Query(null, null, null, null, Violation.State.OVERDUE), AUDITOR).size());

            assertEquals(2, orders.list(ORG, null, AUDITOR).size());
            assertEquals(first.order().id(), orders.find("2026-1", AUDITOR).orElseThrow().id());
            // scope: an auditor of another municipality sees neither the orders nor the violations
            Tokens.Principal elsewhere = new Tokens.Principal("ivan", Role.auditor, new Scope.Municipality("Кесовогорский муниципальный округ"));
            assertTrue(orders.find("2026-1", elsewhere).isEmpty());
            assertTrue(later.find(ViolationService.Query.all(), elsewhere).isEmpty());
            Tokens.Principal here = new Tokens.Principal("zaira", Role.auditor, new Scope.Municipality("МО «Хасавюртовский район»"));
            assertEquals(1, later.find(new ViolationService.Query(null, null, null, null, Violation.State.OPEN), here).size());
            b.passed();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyProblemOfAnOrderIsListedByFieldPath(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            audit(repo, ORG, "2026-10-01", "3.1", "FAIL");
            audit(repo, ORG, "2026-10-02", "3.2", "PASS");
            RemedyOrderService orders = new RemedyOrderService(repo, rules, violations(repo, "2026-11-10"));
            List<FieldProblem> shape = new ArrayList<>();
            RemedyOrderService.Request r = RemedyOrderService.fromJson(Json.mapper().readTree("{\"organization\": \"" + ORG + "\", \"violations\":"
                    + " [{\"decree\": \"" + D47 + "\", \"clause\": \"3.2\"}, {\"decree\": \"" + D47 + "\", \"clause\": \"3.1\"}, {\"decree\": \"" + D47
                    + "\", \"clause\": \"3.1\"}, {\"clause\": 5}], \"dueOn\": \"2026-11-01\", \"authority\": \" \", \"signer\": {\"name\": \"А. А.\"},"
                    + " \"colour\": 1}"), shape);
            RemedyOrderService.Outcome o = orders.issue(r, AUDITOR, shape);
            assertFalse(o.issued());
            Set<String> paths = new TreeSet<>(o.problems().stream().map(FieldProblem::path).toList());
            assertEquals(new TreeSet<>(List.of("$.colour", "$.violations[3].clause", "$.violations[3].decree", "$.dueOn", "$.authority",
                    "$.signer.position", "$.violations[0]", "$.violations[2]")), paths, o.problems().toString());
            for (FieldProblem p : o.problems()) assertTrue(p.message().matches(".*[а-яА-Я].*"), p.toString());
            assertTrue(orders.list(null, null, AUDITOR).isEmpty(), "nothing stored");
            b.passed();
        }
    }

    @Test
    void twoServersOnOnePostgresqlNeverShareANumber() throws Exception {
        for (String backend : TestStores.pgUrl().isPresent() ? List.of("sqlite", "postgresql") : List.of("sqlite")) {
            try (TestStores.Backend b = TestStores.open(backend); Database second = Database.open(b.config)) {
                second.migrate();
                // PostgreSQL: two servers' pools on one database; SQLite (one server per file): concurrent requests of one
                List<AuditRepository> servers = backend.equals("postgresql") ? List.of(b.repository(), new AuditRepository(second))
                        : List.of(b.repository(), b.repository());
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<Integer>> numbers = new ArrayList<>();
                    for (int i = 0; i < 24; i++) {
                        AuditRepository server = servers.get(i % 2);
                        numbers.add(pool.submit(() -> server.remedyOrders().issue(new RemedyOrderRepository.New(ORG, "Школа", "general", "Хасавюртовский район",
                                "хасавюртовск", null, null, d("2026-03-01"), d("2026-04-01"), "Управление", "Начальник", "А. А.", "olga",
                                List.of(new RemedyOrders.Item(D47, "3.1", "x", d("2026-02-01"), d("2026-02-01"), "Приказ", "п. 3.1", null, "факты"))))
                                .number()));
                    }
                    Set<Integer> got = new TreeSet<>();
                    for (Future<Integer> f : numbers) got.add(f.get());
                    Set<Integer> expected = new TreeSet<>();
                    for (int i = 1; i <= 24; i++) expected.add(i);
                    assertEquals(expected, got, backend + ": every number once");
                } finally {
                    pool.shutdownNow();
                }
                // a new year starts from 1
                assertEquals(1, b.repository().remedyOrders().issue(new RemedyOrderRepository.New(ORG, "Школа", null, "Хасавюртовский район",
                        "хасавюртовск", null, null, d("2027-01-10"), d("2027-02-01"), "Управление", "Начальник", "А. А.", "olga", List.of())).number());
                b.passed();
            }
        }
    }

    private static final Pattern LATIN = Pattern.compile("[A-Za-z_]{2,}");

    @Test
    void theOrdersPdfAndWordCarryTheSameWordsWithNoFieldNameOrCode() throws Exception {
        try (TestStores.Backend b = TestStores.open("sqlite")) {
            AuditRepository repo = b.repository();
            audit(repo, ORG, "2026-10-01", "3.1", "FAIL");
            String cited = audit(repo, ORG, "2026-11-01", Map.of("3.1", "FAIL", "3.2", "FAIL"), "non-compliant");
            RemedyOrderService orders = new RemedyOrderService(repo, rules, violations(repo, "2026-11-10"));
            RemedyOrders.Issued o = orders.issue(new RemedyOrderService.Request(ORG, List.of(new RemedyOrderService.ClauseRef(D47, "3.1"),
                    new RemedyOrderService.ClauseRef(D47, "3.2")), "2026-12-01", "2026-11-10", "МКУ «Управление образования» Хасавюртовского района",
                    "Начальник управления", "А. А. Алиев"), AUDITOR).order();
            RemedyOrder doc = RemedyOrderService.document(o);
            byte[] pdf = RemedyOrderDocuments.pdf(doc);
            byte[] docx = RemedyOrderDocuments.docx(doc);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.write(java.nio.file.Path.of("target/remedy-order.pdf"), pdf);
            java.nio.file.Files.write(java.nio.file.Path.of("target/remedy-order.docx"), docx);
            String pdfText;
            String docxText;
            try (PDDocument p = Loader.loadPDF(pdf); XWPFDocument w = new XWPFDocument(new ByteArrayInputStream(docx));
                 XWPFWordExtractor x = new XWPFWordExtractor(w)) {
                pdfText = new PDFTextStripper().getText(p);
                docxText = x.getText();
            }
            assertEquals(words(pdfText), words(docxText), "the PDF and the Word file differ");
            for (String text : List.of(pdfText, docxText)) {
                Matcher m = LATIN.matcher(text.replace(cited, ""));
                List<String> found = new ArrayList<>();
                while (m.find()) found.add(m.group());
                assertTrue(found.isEmpty(), "Latin names or codes in the order: " + found);
                String flat = text.replaceAll("\\s+", " ");
                for (String must : List.of("Предписание № 1 об устранении нарушений", "от 10.11.2026", "в срок до 01.12.2026", "выявлены 2 нарушения",
                        "п. 3.1", "п. 3.2", "Зарегистрированы 12 из 40", "впервые выявлено на 01.10.2026", "Начальник управления", "А. А. Алиев",
                        "(подпись)", "Хасавюртовский район")) {
                    assertTrue(flat.contains(must), "«" + must + "» missing in: " + flat);
                }
            }
        }
    }

    static List<String> words(String text) {
        String joined = text.replaceAll("([–\\-/])[ \\t]*\\r?\\n", "$1");
        List<String> w = new ArrayList<>(Arrays.asList(joined.replace('\u00a0', ' ').strip().split("\\s+")));
        w.removeIf(String::isEmpty);
        w.sort(null);
        return w;
    }

    @Test
    void aDecreeThatDoesNotApplyForAnotherReasonLeavesItsViolationsOpen() throws Exception {
        // the decree-level row: an audit whose decree did not apply has no clause rows; only a repeal closes
        try (TestStores.Backend b = TestStores.open("sqlite")) {
            AuditRepository repo = b.repository();
            audit(repo, ORG, "2025-06-01", "3.1", "FAIL");
            audit(repo, ORG, "2025-07-01", Map.of(), "not-applicable");
            Violation v = of(repo).get(0);
            assertTrue(v.open(), "order № 47 is in force on 01.07.2025: its not applying says nothing about the violation");
            assertNull(v.closure());
            assertNotNull(v.foundBy());
        }
    }
}
