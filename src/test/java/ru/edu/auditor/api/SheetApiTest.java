package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.formats.sheets.DistrictReader;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.HostileWorkbooks;
import ru.edu.auditor.formats.sheets.XlsxReader;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.Workbooks;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/** Spreadsheets over HTTP on an SQLite store: templates, workbook uploads (one organization, a district), hostile books, results as .xlsx. */
class SheetApiTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final HttpClient http = ContractRecorder.client();
    static TestStores.Backend store;
    static AuditRepository repo;
    static Javalin app;
    static String base;
    static List<Fixture> fixtures;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        store = TestStores.open("sqlite");
        repo = store.repository();
        app = ApiServer.create(new ApiServer.Services(new AuditService(holder, repo), new RuleReloader(dir, holder),
                Tokens.parse("anna:auditor:" + AUDITOR), new HistoryQueries(repo, holder))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        fixtures = FixtureRunner.load(Path.of("fixtures"));
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        store.close();
    }

    static JsonNode facts(String name) {
        return fixtures.stream().filter(f -> f.name().endsWith(name)).findFirst().orElseThrow().facts();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().header("Authorization", "Bearer " + AUDITOR);
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + AUDITOR)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postXlsx(String path, Path file) throws Exception { return post(path, SheetIntake.XLSX, Files.readAllBytes(file)); }

    static Map<String, String> verdicts(JsonNode report) {
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonNode d : report.path("decrees")) {
            m.put(d.path("id").asText(), d.path("status").asText());
            for (JsonNode c : d.path("clauses")) m.put(d.path("id").asText() + " " + c.path("clause").asText(), c.path("status").asText());
        }
        return m;
    }

    @Test
    void templatesDownloadAsWorkbooksWithCommentsListsAndDates() throws Exception {
        HttpResponse<byte[]> org = get("/api/v1/templates/organization.xlsx");
        assertEquals(200, org.statusCode());
        assertEquals(SheetIntake.XLSX, org.headers().firstValue("Content-Type").orElse(""));
        assertTrue(org.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''"), org.headers().toString());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(org.body()))) {
            for (String name : List.of("Организация", "Численность", "«Моя школа»", "Показатели", "Педагоги", "Мессенджеры", "Чаты",
                    "Ответственные", "Отчёты", "Орган управления")) {
                assertNotNull(wb.getSheet(name), "sheet " + name);
            }
            XSSFSheet teachers = wb.getSheet("Педагоги");
            assertEquals("Непрозрачный идентификатор педагога", teachers.getRow(1).getCell(0).getStringCellValue());
            assertTrue(teachers.getRow(1).getCell(0).getCellComment().getString().getString().startsWith("Непрозрачный идентификатор педагога (уникален в списке)"));
            assertTrue(teachers.getDataValidations().stream().anyMatch(v -> List.of(v.getValidationConstraint().getExplicitListValues()).contains("да")));
            XSSFSheet main = wb.getSheet("Организация");
            assertTrue(main.getDataValidations().stream().anyMatch(v -> v.getValidationConstraint().getExplicitListValues() != null
                    && List.of(v.getValidationConstraint().getExplicitListValues()).contains("общеобразовательная")), "organization kinds as a list");
            int asOfRow = Workbooks.formRow("Организация", null, "Дата, на которую выносятся вердикты") - 1;
            assertEquals("dd.mm.yyyy", main.getRow(asOfRow).getCell(1).getCellStyle().getDataFormatString());
        }
        HttpResponse<byte[]> district = get("/api/v1/templates/district.xlsx");
        assertEquals(200, district.statusCode());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(district.body()))) {
            Sheet rows = wb.getSheet(FormLayout.DISTRICT_SHEET);
            assertEquals(FormLayout.current().district().columns().size(), rows.getRow(1).getLastCellNum());
        }
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/templates/organization.xlsx")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void aFilledOrganizationFormIsAuditedAndStoredLikeJson() throws Exception {
        JsonNode facts = facts("sosh2-oct18-pending-and-violations.json");
        long before = repo.count();
        HttpResponse<String> sheet = postXlsx("/api/v1/audits", Workbooks.organization(facts, null));
        assertEquals(200, sheet.statusCode(), sheet.body());
        HttpResponse<String> json = post("/api/v1/audits", "application/json", facts.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, json.statusCode(), json.body());
        assertEquals(verdicts(Json.mapper().readTree(json.body())), verdicts(Json.mapper().readTree(sheet.body())));
        assertEquals(before + 2, repo.count());

        String id = Json.mapper().readTree(sheet.body()).path("decisionId").asText();
        for (HttpResponse<byte[]> x : List.of(get("/api/v1/audits/" + id + "?format=xlsx"), get("/api/v1/audits/" + id, "Accept", SheetIntake.XLSX))) {
            assertEquals(200, x.statusCode());
            assertEquals(SheetIntake.XLSX, x.headers().firstValue("Content-Type").orElse(""));
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
                assertEquals(id, wb.getSheet("Сводка").getRow(4).getCell(1).getStringCellValue());
                XSSFSheet clauses = wb.getSheet("Пункты");
                assertEquals("Вердикт", clauses.getRow(0).getCell(3).getStringCellValue());
                assertNotNull(clauses.getPaneInformation(), "frozen header");
                assertTrue(clauses.getCTWorksheet().isSetAutoFilter(), "autofilter");
                assertTrue(clauses.getSheetConditionalFormatting().getNumConditionalFormattings() > 0, "verdicts coloured");
                List<String> shown = new ArrayList<>();
                for (int r = 1; r <= clauses.getLastRowNum(); r++) shown.add(clauses.getRow(r).getCell(3).getStringCellValue());
                assertTrue(shown.contains("нарушение") && shown.contains("срок не наступил"), shown.toString());
            }
        }
    }

    @Test
    void mistakesComeBackByCellAndNothingIsStored() throws Exception {
        Path file = Workbooks.organization(facts("sosh2-oct18-pending-and-violations.json"), wb -> {
            for (int r = 3; r <= 7; r++) Workbooks.cell(wb, "Педагоги", "A" + r).setCellValue("t" + r);
            Workbooks.cell(wb, "Педагоги", "D7").setCellValue("десять");
        });
        long before = repo.count();
        HttpResponse<String> r = postXlsx("/api/v1/audits", file);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode p = Json.mapper().readTree(r.body());
        JsonNode e = p.path("errors").get(0);
        assertEquals("Педагоги!D7", e.path("cell").asText(), r.body());
        assertEquals("$.teachers[4].groupChatMessages", e.path("path").asText());
        assertEquals("Педагоги!D7: ожидается целое число, получено «десять»", e.path("message").asText());
        assertEquals(before, repo.count());
    }

    @Test
    void aDistrictFormIsAuditedRowByRowThroughTheBatch() throws Exception {
        List<JsonNode> rows = List.of(facts("sosh2-oct18-pending-and-violations.json"), facts("uo-oct23-violations.json"),
                facts("murguk-oct21-deadline-passed-fail.json"));
        Path file = Workbooks.district(rows, wb -> Workbooks.cell(wb, FormLayout.DISTRICT_SHEET, "A5").setCellValue("вчера"));
        long before = repo.count();
        HttpResponse<String> r = postXlsx("/api/v1/audits/batch", file);
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.body().split("\n")) lines.add(Json.mapper().readTree(l));
        assertEquals(4, lines.size(), r.body());
        assertEquals(3, lines.get(0).path("line").asInt());
        assertEquals("audited", lines.get(0).path("status").asText());
        assertEquals("audited", lines.get(1).path("status").asText());
        assertEquals(5, lines.get(2).path("line").asInt());
        assertEquals("invalid", lines.get(2).path("status").asText());
        assertEquals("Организации!A5", lines.get(2).path("errors").get(0).path("cell").asText(), r.body());
        assertEquals("$.asOf", lines.get(2).path("errors").get(0).path("path").asText());
        assertEquals(2, lines.get(3).path("summary").path("stored").asInt());
        assertEquals(before + 2, repo.count());

        HttpResponse<byte[]> rollup = get("/api/v1/rollup?format=xlsx&asOf=2023-10-31&municipality="
                + URLEncoder.encode("Сергокалинский район", StandardCharsets.UTF_8));
        assertEquals(200, rollup.statusCode());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(rollup.body()))) {
            assertEquals("Документ", wb.getSheet("Пункты").getRow(0).getCell(0).getStringCellValue());
            assertTrue(wb.getSheet("Организации").getLastRowNum() >= 1);
            assertTrue(wb.getSheet("Организации").getSheetConditionalFormatting().getNumConditionalFormattings() > 0);
        }
        String key = lines.get(0).path("organization").path("id").asText(null);
        JsonNode stored = Json.mapper().readTree(get("/api/v1/audits/" + lines.get(0).path("decisionId").asText()).body());
        HttpResponse<byte[]> history = get("/api/v1/organizations/" + URLEncoder.encode(stored.path("organizationKey").asText(), StandardCharsets.UTF_8)
                .replace("+", "%20") + "/audits?format=xlsx");
        assertEquals(200, history.statusCode(), key);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(history.body()))) {
            assertTrue(wb.getSheet("Проверки").getLastRowNum() > 5);
        }
    }

    /** Each kind of refusal gets its status (413 too large, 415 a format not read, else 400), a Russian problem, and stores nothing. */
    @Test
    void hostileWorkbooksGetA4xxAndNothingIsStored() throws Exception {
        record Book(byte[] bytes, int status) { }
        Map<String, Integer> asOneOrganization = Map.of("too many rows", 400); // a district form sent as one organization: refused as the other form
        Map<String, Book> books = new LinkedHashMap<>();
        books.put("not a zip", new Book(HostileWorkbooks.notAZip(), 400));
        books.put("xls", new Book(HostileWorkbooks.oldXls(), 415));
        books.put("plain zip", new Book(HostileWorkbooks.plainZip(), 400));
        books.put("truncated", new Book(HostileWorkbooks.truncated(), 400));
        books.put("zip bomb", new Book(HostileWorkbooks.zipBomb(), 413));
        books.put("external link", new Book(HostileWorkbooks.externalLink(), 400));
        books.put("too many rows", new Book(HostileWorkbooks.districtRows(DistrictReader.MAX_ROWS + 1), 413));
        // issue 22, finding 4: malformed numbers in the XML, an oversize cell, more parts than the limit
        books.put("row r=abc", new Book(HostileWorkbooks.rowNumber("abc"), 400));
        books.put("row r=99999999999", new Book(HostileWorkbooks.rowNumber("99999999999"), 400));
        books.put("district row r=abc", new Book(HostileWorkbooks.districtRowNumber("abc"), 400));
        books.put("cell s=x", new Book(HostileWorkbooks.cellStyle("x"), 400));
        books.put("xf numFmtId=abc", new Book(HostileWorkbooks.styleFormat("abc"), 400));
        books.put("1001 parts", new Book(HostileWorkbooks.manyParts(XlsxReader.MAX_PARTS), 413));
        books.put("long cell", new Book(HostileWorkbooks.longInlineCell(4 << 20), 413));
        asOneOrganization = new java.util.HashMap<>(asOneOrganization);
        asOneOrganization.put("district row r=abc", 400);
        Map<String, Integer> asDistrict = Map.of("row r=abc", 400, "row r=99999999999", 400, "cell s=x", 400); // the organization form sent as a district: refused as the other form
        long before = repo.count();
        for (Map.Entry<String, Book> b : books.entrySet()) {
            for (String path : List.of("/api/v1/audits", "/api/v1/audits/batch")) {
                HttpResponse<String> r = post(path, SheetIntake.XLSX, b.getValue().bytes());
                int status = path.endsWith("/batch") ? asDistrict.getOrDefault(b.getKey(), b.getValue().status())
                        : asOneOrganization.getOrDefault(b.getKey(), b.getValue().status());
                assertEquals(status, r.statusCode(), b.getKey() + " " + path + ": " + r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), b.getKey());
                JsonNode p = Json.mapper().readTree(r.body());
                assertTrue(p.path("detail").asText().matches("(?s).*[А-Яа-я].*"), r.body());
                assertFalse(r.body().contains("Exception") || r.body().contains("org.apache"), r.body());
            }
        }
        assertEquals(before, repo.count());
        HttpResponse<String> wrong = post("/api/v1/audits", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, wrong.statusCode());
        assertTrue(wrong.body().contains("spreadsheetml"), wrong.body());
    }
}
