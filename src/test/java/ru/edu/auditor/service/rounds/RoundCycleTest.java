package ru.edu.auditor.service.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.report.RoundBoard;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Tokens.Principal;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 24, monitoring rounds, the full cycle on SQLite and PostgreSQL: a weekly round for the general schools of
 * Сергокалинский район; one school answers by form (and corrects it: two versions kept), one by workbook, one does not
 * and is listed late after the due date; the board counts them, rolls up the answers by clause and exports xlsx and
 * PDF; the embedded SMTP server (GreenMail) receives exactly one reminder, to the late school, and nothing is sent
 * without SMTP; the next week's round is opened once by two servers at once; a closed round takes no correction; an
 * auditor of another municipality and a school not asked see nothing.
 */
class RoundCycleTest {
    static final Path RULES = Path.of("rules");
    static final String FIXTURE = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    static final String MUNICIPALITY = "МР «Сергокалинский район»";
    static final LocalDate MONDAY = LocalDate.of(2023, 11, 20);
    static final Principal AUDITOR = new Principal("Иванова", Role.auditor, new Scope.Municipality("Сергокалинский район"));
    static final Principal OTHER_AUDITOR = new Principal("Петров", Role.auditor, new Scope.Municipality("Кесовогорский район"));
    static RuleSet rules;

    static List<String> backends() { return TestStores.backends(); }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(LocalDate day) { set(day); }

        void set(LocalDate day) { now = day.atTime(12, 0).toInstant(ZoneOffset.ofHours(3)); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return Clock.fixed(now, zone); }

        @Override public Instant instant() { return now; }
    }

    static ObjectNode school(String name) throws Exception {
        ObjectNode f = (ObjectNode) Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
        ((ObjectNode) f.path("organization")).put("name", name);
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @Timeout(120)
    void fullCycle(String backend) throws Exception {
        if (rules == null) rules = RuleSet.load(RULES);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestStores.Backend store = TestStores.open(backend)) {
            AuditRepository repo = store.repository();
            RulesHolder holder = new RulesHolder(rules);
            AuditService audits = new AuditService(holder, repo);
            HistoryQueries history = new HistoryQueries(repo, holder);
            // three general schools of the district and a kindergarten are known from earlier audits; a school elsewhere too
            for (String name : List.of("Сергокалинская СОШ № 1", "Сергокалинская СОШ № 2", "Мюрегинская СОШ")) {
                AuditService.Outcome o = audits.audit(school(name));
                assertTrue(o.ok(), String.valueOf(o.problems()));
            }
            ObjectNode kindergarten = school("Детский сад «Солнышко»");
            ((ObjectNode) kindergarten.path("organization")).put("kind", "preschool");
            assertTrue(audits.audit(kindergarten).ok());
            ObjectNode elsewhere = school("Кесовская СОШ");
            ((ObjectNode) elsewhere.path("organization")).put("municipality", "Кесовогорский район").put("region", "Тверская область");
            AuditService.Outcome other = audits.audit(elsewhere);
            assertTrue(other.ok(), String.valueOf(other.problems()));

            MovingClock clock = new MovingClock(MONDAY.plusDays(2));
            String late = history.organizations(new Principal("admin", Role.admin)).stream().filter(o -> o.organizationName().equals("Мюрегинская СОШ")).findFirst().orElseThrow().organizationKey();
            // the late school's account carries the address reminders go to; the other schools' accounts have none
            ru.edu.auditor.service.access.Accounts accounts = new ru.edu.auditor.service.access.Accounts(repo, new ru.edu.auditor.service.access.Passwords());
            var created = accounts.create(new ru.edu.auditor.service.access.Accounts.NewAccount("muregi", "Мюрегинская СОШ", "director@muregi.example.ru",
                    "school", "organization", late, null), "admin");
            assertTrue(created.ok(), created.problems().toString());
            OrganizationAddresses addresses = new AccountAddresses(accounts);
            assertEquals(List.of("director@muregi.example.ru"), addresses.of(late));
            MailSettings mail = MailSettings.fromEnv(Map.of("AUDITOR_SMTP_HOST", "127.0.0.1", "AUDITOR_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                    "AUDITOR_SMTP_FROM", "monitoring@sergokala.example.ru"));
            RoundService rounds = new RoundService(audits, history, mail, addresses, clock);
            RoundService withoutMail = new RoundService(audits, history, null, addresses, clock);

            // bad requests: every problem at once, by field path
            RoundRefused bad = assertThrows(RoundRefused.class, () -> rounds.open(AUDITOR, new RoundService.OpenRequest("", "week", MONDAY.plusDays(1),
                    MONDAY, true, "Кесовогорский район", null, RoundService.Source.municipality, List.of(), null, null)));
            assertEquals(RoundRefused.Kind.INVALID, bad.kind());
            assertEquals(List.of("$.name", "$.periodFrom", "$.municipality"), bad.problems().stream().map(p -> p.path()).toList(), bad.problems().toString());

            RoundService.Round round = rounds.open(AUDITOR, new RoundService.OpenRequest("Еженедельный мониторинг «Сферума»", "week", MONDAY,
                    MONDAY.plusDays(7), true, MUNICIPALITY, "Республика Дагестан", RoundService.Source.municipality, List.of("general"), null, null));
            assertEquals(MONDAY.plusDays(6), round.periodTo());
            RoundBoard board = rounds.board(AUDITOR, round.id());
            assertEquals(List.of("Мюрегинская СОШ", "Сергокалинская СОШ № 1", "Сергокалинская СОШ № 2"),
                    board.lines().stream().map(RoundBoard.Line::name).sorted().toList(), "the three general schools of the district, not the kindergarten");
            String first = key(board, "Сергокалинская СОШ № 1"), second = key(board, "Сергокалинская СОШ № 2");
            Principal schoolOne = new Principal("sosh1", Role.school, new Scope.Organization(first));
            Principal schoolTwo = new Principal("sosh2", Role.school, new Scope.Organization(second));

            // the school sees its open round and answers by the form, prefilled with the round's period
            assertEquals(List.of(round.id()), rounds.mine(schoolOne).stream().map(m -> m.round().id()).toList());
            ObjectNode form = rounds.prefill(schoolOne, round.id(), first);
            assertEquals("2023-11-26", form.path("asOf").asText());
            assertEquals("2023-11-20", form.path("period").path("from").asText());
            RoundService.Answer a1 = rounds.answer(schoolOne, round.id(), first, form, "form");
            assertTrue(a1.ok(), a1.problems().toString());
            assertEquals(1, a1.version());
            // the school reads its report at once
            assertTrue(rounds.answerReport(schoolOne, round.id(), a1.outcome().report().decisionId()).isPresent());
            // a correction is a new version; the first is kept. It tells that Telegram is in use: decree № 8 cl. 1 is broken
            ((ObjectNode) form.path("headcount").path("students")).put("registered", 486);
            ((com.fasterxml.jackson.databind.node.ArrayNode) form.path("communication").path("messengersInUse")).addObject()
                    .put("name", "Телеграм").put("purpose", "communication");
            RoundService.Answer a2 = rounds.answer(schoolOne, round.id(), first, form, "form");
            assertEquals(2, a2.version());
            // facts of another organization or period are refused, with the field named
            ObjectNode wrong = form.deepCopy();
            wrong.put("asOf", "2023-11-27");
            RoundService.Answer refused = rounds.answer(schoolOne, round.id(), first, wrong, "form");
            assertEquals(List.of("$.asOf"), refused.problems().stream().map(p -> p.path()).toList());
            // a school answers for its own organization only, and never sees another's
            assertThrows(RoundRefused.class, () -> rounds.answer(schoolOne, round.id(), second, form, "form"));

            // the second school answers by the organization workbook
            Path book = Files.createTempFile("round-answer-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(book)) {
                new FormWriter(FormLayout.current()).organization(rounds.prefill(schoolTwo, round.id(), second), out);
            }
            RoundService.Answer byBook = rounds.answerWorkbook(schoolTwo, round.id(), second, book);
            Files.deleteIfExists(book);
            assertTrue(byBook.ok(), byBook.problems().toString());

            // before the due date the third is «not yet»; after it, late
            assertEquals(1, rounds.board(AUDITOR, round.id()).count(RoundBoard.State.WAITING));
            clock.set(MONDAY.plusDays(8));
            board = rounds.board(AUDITOR, round.id());
            assertEquals(2, board.count(RoundBoard.State.ANSWERED));
            assertEquals(1, board.count(RoundBoard.State.LATE));
            RoundBoard.Line lateLine = board.lines().stream().filter(l -> l.state() == RoundBoard.State.LATE).findFirst().orElseThrow();
            assertEquals("Мюрегинская СОШ", lateLine.name());
            RoundBoard.Line firstLine = board.lines().stream().filter(l -> l.organizationKey().equals(first)).findFirst().orElseThrow();
            assertEquals(2, firstLine.versions());
            assertEquals("sosh1", firstLine.answeredBy());
            assertFalse(firstLine.onBehalf());
            assertEquals("Ответили 2 из 3 организаций (66,6 %)", board.summary().get(0));
            assertTrue(board.rollupRows().size() > 3, "the roll-up by clause over the two answers");
            assertTrue(board.rollupRows().stream().anyMatch(r -> r.get(r.size() - 2).equals("2")), "clauses checked for both answers");

            // exports
            java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
            rounds.workbook(board, xlsx);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
                String all = wb.getSheetAt(0).toString();
                assertEquals("Организации", wb.getSheetName(0));
                boolean found = false;
                for (var row : wb.getSheetAt(0)) for (var cell : row) if (cell.toString().contains("не ответила, срок истёк")) found = true;
                assertTrue(found, all);
            }
            byte[] pdf = rounds.pdf(board);
            assertEquals("%PDF", new String(pdf, 0, 4));
            Files.write(Path.of("target", "round-board-" + backend + ".pdf"), pdf); // to read it as the auditor does

            // without SMTP nothing is sent and the list is given to copy
            RoundService.Reminders listed = withoutMail.remind(AUDITOR, round.id());
            assertFalse(listed.mailConfigured());
            assertFalse(listed.sent());
            assertEquals("director@muregi.example.ru", listed.copyList());
            assertEquals(0, smtp.getReceivedMessages().length);
            // with SMTP: exactly one reminder, to the late school
            RoundService.Reminders sent = rounds.remind(AUDITOR, round.id());
            assertTrue(sent.sent());
            smtp.waitForIncomingEmail(5_000, 1);
            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(1, received.length);
            assertEquals("director@muregi.example.ru", received[0].getAllRecipients()[0].toString());
            assertTrue(received[0].getSubject().contains("Еженедельный мониторинг «Сферума»"), received[0].getSubject());
            assertTrue(((String) received[0].getContent()).contains("Мюрегинская СОШ пока не ответила"));
            assertEquals(1, sent.history().size());

            // the next week's round: opened once from this one, though two servers catch up at once
            RoundService secondServer = new RoundService(audits, history, null, addresses, clock);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Object>> both = pool.invokeAll(List.<Callable<Object>>of(() -> { rounds.catchUp(); return null; },
                        () -> { secondServer.catchUp(); return null; }));
                for (Future<Object> f : both) f.get();
            } finally {
                pool.shutdown();
            }
            List<RoundService.Summary> list = rounds.list(AUDITOR);
            assertEquals(2, list.size(), list.toString());
            RoundService.Round next = list.get(0).round();
            assertEquals(MONDAY.plusDays(7), next.periodFrom());
            assertEquals(MONDAY.plusDays(14), next.dueOn());
            assertEquals(3, list.get(0).asked());
            assertEquals(RoundService.SCHEDULE, next.openedBy());

            // scope: another municipality's auditor and a school not asked see nothing
            assertTrue(rounds.list(OTHER_AUDITOR).isEmpty());
            assertThrows(RoundRefused.class, () -> rounds.board(OTHER_AUDITOR, round.id()));
            Principal stranger = new Principal("kg", Role.school, new Scope.Organization("nobody"));
            assertTrue(rounds.mine(stranger).isEmpty());
            assertTrue(rounds.find(stranger, round.id()).isEmpty());

            // an auditor answers on the late school's behalf, recorded as such; after closing, nothing is taken
            ObjectNode forLate = rounds.prefill(AUDITOR, round.id(), late);
            RoundService.Answer onBehalf = rounds.answer(AUDITOR, round.id(), late, forLate, "form");
            assertTrue(onBehalf.ok(), onBehalf.problems().toString());
            RoundBoard.Line behalf = rounds.board(AUDITOR, round.id()).lines().stream().filter(l -> l.organizationKey().equals(late)).findFirst().orElseThrow();
            assertTrue(behalf.onBehalf());
            assertTrue(behalf.answeredAfterDue());
            assertTrue(rounds.close(AUDITOR, round.id()));
            RoundRefused closed = assertThrows(RoundRefused.class, () -> rounds.answer(schoolOne, round.id(), first, form, "form"));
            assertEquals(RoundRefused.Kind.CLOSED, closed.kind());
            assertEquals(4, rounds.answers(AUDITOR, round.id()).size(), "every version kept");

            // the cycle goes on (issue 24): the FAIL of the first school's answer opened a violation; a remedy order is issued
            // for it; the next week's answer, with Telegram gone, gives PASS and closes the violation, naming that audit
            String decree = "sergokala-sosh1-8-2023";
            ru.edu.auditor.service.violations.ViolationService violations = new ru.edu.auditor.service.violations.ViolationService(repo, holder,
                    new ru.edu.auditor.service.access.Visibility(holder::catalog, repo), java.time.Clock.fixed(clock.instant(), ZoneOffset.UTC));
            var open = violations.find(new ru.edu.auditor.service.violations.ViolationService.Query(first, null, decree, "1",
                    ru.edu.auditor.service.violations.Violation.State.OPEN), AUDITOR);
            assertEquals(1, open.size(), open.toString());
            assertEquals(a2.outcome().report().decisionId(), open.get(0).foundBy(), "found by the corrected answer that told of Telegram");
            var orders = new ru.edu.auditor.service.violations.RemedyOrderService(repo, holder, violations);
            var issued = orders.issue(new ru.edu.auditor.service.violations.RemedyOrderService.Request(first,
                    List.of(new ru.edu.auditor.service.violations.RemedyOrderService.ClauseRef(decree, "1")), "2023-12-15", null,
                    "МКУ «Управление образования» Сергокалинского района", "начальник управления", "Магомедов М. М."), AUDITOR);
            assertTrue(issued.issued(), issued.problems().toString());
            var document = ru.edu.auditor.service.violations.RemedyOrderService.document(issued.order());
            assertEquals("%PDF", new String(ru.edu.auditor.formats.documents.RemedyOrderDocuments.pdf(document), 0, 4));
            assertTrue(ru.edu.auditor.formats.documents.RemedyOrderDocuments.docx(document).length > 1000);
            ObjectNode nextWeek = rounds.prefill(schoolOne, next.id(), first);
            assertEquals("2023-12-03", nextWeek.path("asOf").asText(), "the next round's week");
            nextWeek.set("communication", school("Сергокалинская СОШ № 1").path("communication").deepCopy());
            RoundService.Answer fixed = rounds.answer(schoolOne, next.id(), first, nextWeek, "form");
            assertTrue(fixed.ok(), fixed.problems().toString());
            var closedNow = violations.find(new ru.edu.auditor.service.violations.ViolationService.Query(first, null, decree, "1", null), AUDITOR);
            assertEquals(1, closedNow.size(), closedNow.toString());
            assertEquals(fixed.outcome().report().decisionId(), closedNow.get(0).closedBy(), "closed by the next week's answer");
            assertEquals(LocalDate.of(2023, 12, 3), closedNow.get(0).closedOn());
            store.passed();
        } finally {
            smtp.stop();
        }
    }

    static String key(RoundBoard b, String name) {
        return b.lines().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().organizationKey();
    }
}
