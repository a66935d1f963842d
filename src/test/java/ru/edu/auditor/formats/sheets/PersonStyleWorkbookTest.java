package ru.edu.auditor.formats.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.edu.auditor.formats.sheets.Workbooks.cell;
import static ru.edu.auditor.formats.sheets.Workbooks.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.intake.SheetIntake;

/**
 * A form filled the way a person fills it: numbers typed as text, «да»/«нет», dates typed and as Excel dates,
 * spaces around values, the template's merged header cells left as they are — read correctly; and each kind of
 * mistake answered with its sheet and cell.
 */
class PersonStyleWorkbookTest {
    /** The command line's caller: the whole installation. */
    static final Tokens.Principal OPERATOR = Tokens.Principal.operator("тест");
    static final String ORG = "Организация", GENERAL = "Общие сведения", PERIOD = "Проверяемый период", SFERUM = "Состояние организации в ИКОП «Сферум»";
    static AuditService service;
    final SheetIntake intake = new SheetIntake();

    @BeforeAll
    static void rules() throws Exception {
        service = new AuditService(new RulesHolder(RuleSet.load(Path.of("rules"))));
    }

    static JsonNode school() throws Exception {
        return Json.mapper().readTree("""
                {"organization": {"name": "МКОУ «Сергокалинская СОШ №2»", "kind": "general", "region": "Республика Дагестан",
                                  "municipality": "МР «Сергокалинский район»"},
                 "asOf": "2023-12-20"}""");
    }

    @Test
    void valuesTypedTheWayAPersonTypesThemAreRead() throws Exception {
        Path file = Workbooks.organization(null, wb -> {
            cell(wb, ORG, value(ORG, GENERAL, "Дата, на которую выносятся вердикты")).setCellValue("20.12.2023 ");        // date typed as text
            cell(wb, ORG, value(ORG, "Проверяемая организация", "Полное или краткое наименование организации")).setCellValue("  МКОУ «Сергокалинская СОШ №2»\u00A0 ");
            cell(wb, ORG, value(ORG, "Проверяемая организация", "Вид организации")).setCellValue("Общеобразовательная ");
            cell(wb, ORG, value(ORG, "Проверяемая организация", "Субъект РФ")).setCellValue("Республика Дагестан");
            cell(wb, ORG, value(ORG, "Проверяемая организация", "Муниципальное образование")).setCellValue("МР «Сергокалинский район»");
            cell(wb, ORG, value(ORG, PERIOD, "Первый день периода")).setCellValue(LocalDate.of(2023, 12, 11));         // an Excel date
            cell(wb, ORG, value(ORG, PERIOD, "Последний день периода")).setCellValue("2023-12-17");                    // ISO text
            cell(wb, ORG, value(ORG, SFERUM, "Сформирована ли структура классов и бесед в Сферуме")).setCellValue("Да");
            org.apache.poi.ss.usermodel.Cell plain = cell(wb, ORG, value(ORG, SFERUM, "Дата, когда структура классов и чатов была сформирована"));
            plain.setCellStyle(wb.getCellStyleAt(0));                                                              // a date pasted as a bare serial
            plain.setCellValue(45217);                                                                             // = 18.10.2023
            cell(wb, ORG, value(ORG, SFERUM, "Число классов в структуре Сферума")).setCellValue("11 ");               // number typed as text
            cell(wb, ORG, value(ORG, SFERUM, "Число бесед в структуре Сферума")).setCellValue("1 234");               // with a thousands space
            cell(wb, ORG, value(ORG, SFERUM, "Интегрирован ли Сферум с электронным журналом и дневником региональной системы")).setCellValue("НЕТ");
            cell(wb, ORG, value(ORG, SFERUM, "Создаются ли персональные и групповые коммуникации через Сферум")).setCellValue(true); // ИСТИНА
            cell(wb, "Численность", value("Численность", "Сотрудники организации", "Всего человек в группе")).setCellValue("40,0");
            org.apache.poi.ss.usermodel.Cell formula = cell(wb, "Численность", value("Численность", "Сотрудники организации", "Из них зарегистрировано в ИКОП «Сферум»"));
            formula.setCellFormula("2+2");                                                                         // a formula: its stored result is the value
            formula.setCellValue(38);
            cell(wb, "Педагоги", "A3").setCellValue("t-1");
            cell(wb, "Педагоги", "C3").setCellValue("нет");
            cell(wb, "Педагоги", "D3").setCellValue("12");
            cell(wb, "Педагоги", "H3").setCellValue("01.12.2023");
            cell(wb, "Педагоги", "A4").setCellValue(1002);                                                         // an id typed as a number
            cell(wb, "Педагоги", "C4").setCellValue(true);
            cell(wb, "Педагоги", "E4").setCellValue(3);
            cell(wb, "Мессенджеры", "B1").setCellValue("да");                                                      // given, and no rows: none used
            cell(wb, "Ответственные", "A3").setCellValue("Гасанова П.М. ");
            cell(wb, "Ответственные", "C3").setCellValue("да");
            cell(wb, "Ответственные", "E3").setCellValue("Да");
            cell(wb, "Ответственные", "F3").setCellValue("12-о");
            cell(wb, "Ответственные", "G3").setCellValue(LocalDate.of(2023, 10, 16));
            cell(wb, "Отчёты", "A3").setCellValue("ИКОП «Сферум»");
            cell(wb, "Отчёты", "B3").setCellValue("11.2023");                                                      // month typed as text
            cell(wb, "Отчёты", "C3").setCellValue("05.12.2023");
            cell(wb, "Отчёты", "A4").setCellValue("ФГИС «Моя школа»");
            cell(wb, "Отчёты", "B4").setCellValue(LocalDate.of(2023, 11, 1));                                      // month as an Excel date
            cell(wb, "Отчёты", "C4").setCellValue("6.12.2023 г.");
            cell(wb, "Еженедельный анализ", "A3").setCellValue(LocalDate.of(2023, 12, 15));
        });
        FormReader.Intake read = intake.readOrganization(file);
        assertEquals(List.of(), read.problems());
        JsonNode expected = Json.mapper().readTree("""
                {"asOf": "2023-12-20",
                 "organization": {"name": "МКОУ «Сергокалинская СОШ №2»", "kind": "general", "region": "Республика Дагестан",
                                  "municipality": "МР «Сергокалинский район»"},
                 "period": {"from": "2023-12-11", "to": "2023-12-17"},
                 "sferum": {"structureFormed": true, "structureFormedOn": "2023-10-18", "classCount": 11, "chatCount": 1234,
                            "ejournalIntegrated": false, "communicationsViaSferum": true},
                 "headcount": {"employees": {"total": 40, "registered": 38}},
                 "teachers": [{"id": "t-1", "sferumRegistered": false, "groupChatMessages": 12, "mySchoolLastSignIn": "2023-12-01"},
                              {"id": "1002", "sferumRegistered": true, "calls": 3}],
                 "communication": {"messengersInUse": []},
                 "responsiblePersons": [{"name": "Гасанова П.М.", "areas": ["sferum", "ict"], "appointedBy": {"number": "12-о", "date": "2023-10-16"}}],
                 "monthlyReports": [{"platform": "sferum", "month": "2023-11", "sentOn": "2023-12-05"},
                                    {"platform": "mySchool", "month": "2023-11", "sentOn": "2023-12-06"}],
                 "weeklyAnalyses": ["2023-12-15"]}""");
        assertEquals(expected, read.doc());
        SheetIntake.Single audited = intake.auditOrganization(file, service, OPERATOR);
        assertTrue(audited.ok(), () -> audited.problems().toString());
    }

    @Test
    void theTemplateKeepsItsMergedHeaderCellsAndStillReads() throws Exception {
        Path file = Workbooks.organization(school(), null);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertTrue(wb.getSheet(ORG).getNumMergedRegions() > 3, "title and section lines are merged cells");
            assertTrue(wb.getSheet("Педагоги").getNumMergedRegions() > 0);
        }
        FormReader.Intake read = intake.readOrganization(file);
        assertEquals(List.of(), read.problems());
        assertEquals(school(), read.doc());
        Path district = Workbooks.district(List.of(school()), null);
        try (XSSFWorkbook wb = new XSSFWorkbook(district.toFile())) {
            assertTrue(wb.getSheet(FormLayout.DISTRICT_SHEET).getNumMergedRegions() > 5, "group headers are merged cells");
        }
    }

    @Test
    void everyMistakeIsNamedBySheetAndCell() throws Exception {
        String asOf = value(ORG, GENERAL, "Дата, на которую выносятся вердикты");
        String kind = value(ORG, "Проверяемая организация", "Вид организации");
        String formed = value(ORG, SFERUM, "Сформирована ли структура классов и бесед в Сферуме");
        String formedOn = value(ORG, SFERUM, "Дата, когда структура классов и чатов была сформирована");
        String classes = value(ORG, SFERUM, "Число классов в структуре Сферума");
        String employees = value("Численность", "Сотрудники организации", "Всего человек в группе");
        String registered = value("Численность", "Сотрудники организации", "Из них зарегистрировано в ИКОП «Сферум»");
        Path file = Workbooks.organization(school(), wb -> {
            cell(wb, ORG, asOf).setCellValue("31.02.2023");
            cell(wb, ORG, kind).setCellValue("школа");
            cell(wb, ORG, formed).setCellValue("может быть");
            cell(wb, ORG, formedOn).setCellValue("18.10.23");
            cell(wb, ORG, classes).setCellValue(-3);
            cell(wb, ORG, "E5").setCellValue("примечание");
            cell(wb, "Численность", employees).setCellValue("сорок");
            cell(wb, "Численность", registered).setCellFormula("B4");  // a formula nobody calculated: no stored result
            for (int r = 3; r <= 7; r++) cell(wb, "Педагоги", "A" + r).setCellValue("t" + r);
            cell(wb, "Педагоги", "D7").setCellValue("десять");
            cell(wb, "Педагоги", "B1").setCellValue("нет");
            cell(wb, "Отчёты", "A3").setCellValue("ИКОП «Сферум»");
            cell(wb, "Отчёты", "B3").setCellValue("13.2023");
            cell(wb, "Отчёты", "C3").setCellValue("01.12.2023");
        });
        SheetIntake.Single r = intake.auditOrganization(file, service, OPERATOR);
        assertFalse(r.ok());
        String all = r.problems().stream().map(FieldProblem::toString).collect(Collectors.joining("\n"));
        assertHas(r, "Педагоги!D7", "$.teachers[4].groupChatMessages", "Педагоги!D7: ожидается целое число, получено «десять»");
        assertHas(r, "Организация!" + asOf, "$.asOf", "такой даты нет в календаре: «31.02.2023»");
        assertHas(r, "Организация!" + kind, "$.organization.kind", "ожидается одно из: «общеобразовательная»; «дошкольная»");
        assertHas(r, "Организация!" + formed, "$.sferum.structureFormed", "ожидается «да» или «нет», получено «может быть»");
        assertHas(r, "Организация!" + formedOn, "$.sferum.structureFormedOn", "с годом из четырёх цифр, получено «18.10.23»");
        assertHas(r, "Организация!" + classes, "$.sferum.classCount", "ожидается целое число не меньше 0, получено «-3»");
        assertHas(r, "Организация!E5", "$", "значение вне формы не читается");
        assertHas(r, "Численность!" + employees, "$.headcount.employees.total", "ожидается целое число, получено «сорок»");
        assertHas(r, "Численность!" + registered, "$.headcount.employees.registered", "формула без сохранённого значения");
        assertHas(r, "Педагоги!B1", "$.teachers", "указано «нет» (список не представлен), но ниже заполнено строк: 5");
        assertHas(r, "Отчёты!B3", "$.monthlyReports[0].month", "такого месяца нет: «13.2023»");
        assertEquals(11, r.problems().size(), all);
    }

    @Test
    void problemsTheValidatorFindsAreNamedByCellToo() throws Exception {
        String name = value(ORG, "Проверяемая организация", "Полное или краткое наименование организации");
        String kind = value(ORG, "Проверяемая организация", "Вид организации");
        Path missing = Workbooks.organization(school(), wb -> {
            cell(wb, ORG, kind).setBlank();
            cell(wb, "Ответственные", "B3").setCellValue("заместитель директора"); // a person without a name
        });
        SheetIntake.Single r = intake.auditOrganization(missing, service, OPERATOR);
        assertFalse(r.ok());
        assertHas(r, "Организация!" + kind, "$.organization.kind", "обязательное поле отсутствует");
        assertHas(r, "Ответственные!A3", "$.responsiblePersons[0].name", "обязательное поле отсутствует");
        assertTrue(r.problems().stream().noneMatch(p -> p.cell() != null && p.cell().endsWith("!" + name)));

        String total = value("Численность", "Педагогические работники", "Всего человек в группе");
        String registered = value("Численность", "Педагогические работники", "Из них зарегистрировано в ИКОП «Сферум»");
        Path above = Workbooks.organization(school(), wb -> {
            cell(wb, "Численность", total).setCellValue(40);
            cell(wb, "Численность", registered).setCellValue(45);
        });
        SheetIntake.Single a = intake.auditOrganization(above, service, OPERATOR);
        assertHas(a, "Численность!" + registered, "$.headcount.teachers.registered", "зарегистрировано (45) больше, чем всего (40)");
        assertEquals(1, a.problems().size(), a.problems()::toString);
    }

    @Test
    void aBlankCellIsNotGivenNeverZero() throws Exception {
        Path file = Workbooks.organization(school(), wb -> cell(wb, "Численность",
                value("Численность", "Сотрудники организации", "Всего человек в группе")).setCellValue("   "));
        FormReader.Intake read = intake.readOrganization(file);
        assertEquals(List.of(), read.problems());
        assertFalse(read.doc().has("headcount"), "blank cells leave the field out: «не представлено»");
        assertFalse(read.doc().has("communication"), "a list sheet without «да» and without rows is not given");
    }

    static void assertHas(SheetIntake.Single r, String cell, String path, String text) {
        String all = r.problems().stream().map(FieldProblem::toString).collect(Collectors.joining("\n"));
        assertTrue(r.problems().stream().anyMatch(p -> cell.equals(p.cell()) && path.equals(p.path()) && p.message().startsWith(cell + ": ")
                && p.message().contains(text)), () -> "no problem at " + cell + " (" + path + ") with «" + text + "» in:\n" + all);
    }
}
