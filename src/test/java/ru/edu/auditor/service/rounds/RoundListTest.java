package ru.edu.auditor.service.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.formats.sheets.OrganizationList;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
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
 * A monitoring round over an uploaded list of organizations: the workbook is read with every bad cell named, a round
 * asks the listed schools (never audited before), their contact addresses are where reminders go (listed to copy when
 * no mail server is set); a list naming a school of another municipality is refused by path; the mail settings are
 * refused in Russian when wrong.
 */
class RoundListTest {
    static final Principal AUDITOR = new Principal("Иванова", Role.auditor, new Scope.Municipality("Сергокалинский район"));

    static Path book(String[][] rows) throws Exception {
        Path file = Files.createTempFile("round-list-", ".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet s = wb.createSheet("Список");
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r);
                for (int c = 0; c < rows[r].length; c++) if (rows[r][c] != null) row.createCell(c).setCellValue(rows[r][c]);
            }
            wb.write(out);
        }
        return file;
    }

    @Test
    void theListIsReadWithEveryBadCellNamed() throws Exception {
        Path file = book(new String[][] {{"Наименование", "Вид", "Эл. почта"}, {"Сергокалинская СОШ № 1", "школа", "sosh1@example.ru"},
                {"Детский сад «Ромашка»", "ясли", "nope"}, {null, "школа", null}});
        OrganizationList.Read read = OrganizationList.read(file);
        Files.deleteIfExists(file);
        assertEquals(2, read.organizations().size());
        assertEquals("general", read.organizations().get(0).kind());
        assertEquals(List.of("Список!B3", "Список!C3", "Список!A4"), read.problems().stream().map(OrganizationList.Problem::cell).toList(), read.problems().toString());
        Path notAList = book(new String[][] {{"Фамилия", "Имя"}, {"Иванов", "Иван"}});
        WorkbookRejected e = assertThrows(WorkbookRejected.class, () -> OrganizationList.read(notAList));
        Files.deleteIfExists(notAList);
        assertTrue(e.detail().contains("нет столбца «Наименование»"), e.detail());
    }

    @Test
    @Timeout(120)
    void anUploadedListIsAskedAndRemindedByItsContacts() throws Exception {
        try (TestStores.Backend store = TestStores.open("sqlite")) {
            AuditRepository repo = store.repository();
            RulesHolder holder = new RulesHolder(RuleSet.load(Path.of("rules")));
            AuditService audits = new AuditService(holder, repo);
            HistoryQueries history = new HistoryQueries(repo, holder);
            Clock clock = Clock.fixed(Instant.parse("2023-12-05T09:00:00Z"), ZoneOffset.UTC);
            RoundService rounds = new RoundService(audits, history, null, OrganizationAddresses.NONE, clock);
            Path file = book(new String[][] {{"Наименование", "Муниципалитет", "Эл. почта"}, {"Сергокалинская СОШ № 1", "Сергокалинский район", "sosh1@example.ru"},
                    {"Аймаумахинская СОШ", "Сергокалинский район", null}});
            OrganizationList.Read read = OrganizationList.read(file);
            Files.deleteIfExists(file);
            assertEquals(List.of(), read.problems());
            RoundService.Round r = rounds.open(AUDITOR, new RoundService.OpenRequest("Ежемесячный отчёт", "month", LocalDate.of(2023, 11, 1),
                    LocalDate.of(2023, 12, 4), false, "Сергокалинский район", null, RoundService.Source.uploaded, null, null, read.organizations()));
            assertEquals(LocalDate.of(2023, 11, 30), r.periodTo());
            RoundBoard board = rounds.board(AUDITOR, r.id());
            assertEquals(2, board.count(RoundBoard.State.LATE));
            RoundService.Reminders reminders = rounds.remind(AUDITOR, r.id());
            assertEquals(false, reminders.mailConfigured());
            assertEquals("sosh1@example.ru", reminders.copyList());
            assertEquals(List.of("Аймаумахинская СОШ"), reminders.withoutAddress().stream().map(RoundService.Reminder::name).toList());
            assertEquals(List.of(), reminders.history(), "nothing is sent, nothing recorded as sent, without a mail server");

            // a listed school of another municipality is refused, named by its row
            RoundRefused refused = assertThrows(RoundRefused.class, () -> rounds.open(AUDITOR, new RoundService.OpenRequest("Мониторинг", "week",
                    LocalDate.of(2023, 11, 27), LocalDate.of(2023, 12, 4), false, "Сергокалинский район", null, RoundService.Source.uploaded, null, null,
                    List.of(new OrganizationList.Listed("Список!A2", "Кесовская СОШ", null, "Кесовогорский район", null, null, null)))));
            assertEquals("$.organizations[0].municipality", refused.problems().get(0).path());
            assertTrue(refused.problems().get(0).message().startsWith("Список!A2: «Кесовская СОШ» — муниципалитет «Кесовогорский район»"));
            store.passed();
        }
    }

    @Test
    void mailSettingsAreReadFromTheEnvironmentAndRefusedInRussian() {
        assertEquals(null, MailSettings.fromEnv(Map.of()));
        MailSettings ok = MailSettings.fromEnv(Map.of("AUDITOR_SMTP_HOST", "smtp.example.ru", "AUDITOR_SMTP_FROM", "m@example.ru"));
        assertEquals(25, ok.port());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MailSettings.fromEnv(Map.of("AUDITOR_SMTP_HOST", "smtp.example.ru",
                "AUDITOR_SMTP_PORT", "двадцать пять", "AUDITOR_SMTP_USER", "u", "AUDITOR_SMTP_PASSWORD", "p", "AUDITOR_SMTP_STARTTLS", "false")));
        assertTrue(e.getMessage().contains("AUDITOR_SMTP_PORT") && e.getMessage().contains("AUDITOR_SMTP_FROM")
                && e.getMessage().contains("STARTTLS"), e.getMessage());
        assertTrue(!ok.toString().contains("p@"), "no password in the text form");
    }
}
