package ru.edu.auditor.formats.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.edu.auditor.formats.sheets.WorkbookRejected.Reason.EXTERNAL_LINKS;
import static ru.edu.auditor.formats.sheets.WorkbookRejected.Reason.TOO_LARGE;
import static ru.edu.auditor.formats.sheets.WorkbookRejected.Reason.UNREADABLE;
import static ru.edu.auditor.formats.sheets.WorkbookRejected.Reason.UNSUPPORTED_FORMAT;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.service.intake.SheetIntake;

/** Hostile and broken workbooks are refused whole, with the kind of refusal and a Russian reason. */
class HostileWorkbookTest {
    static WorkbookRejected refused(byte[] book) throws Exception {
        Path file = Files.createTempFile("hostile-", ".xlsx");
        try {
            Files.write(file, book);
            return assertThrows(WorkbookRejected.class, () -> {
                try (XlsxReader r = XlsxReader.open(file)) {
                    if (DistrictReader.isDistrict(r)) DistrictReader.read(r, FormLayout.current(), row -> { });
                    else FormReader.organization(r, FormLayout.current());
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static void assertRefused(byte[] book, WorkbookRejected.Reason reason, String text) throws Exception {
        WorkbookRejected e = refused(book);
        assertEquals(reason, e.reason(), e.detail());
        assertTrue(e.detail().contains(text), e.detail());
        assertTrue(e.detail().matches("(?s).*[А-Яа-я].*") && !e.detail().matches("(?s).*\\b(Exception|org\\.apache|java\\.)\\b.*"), e.detail());
    }

    @Test void notAZip() throws Exception { assertRefused(HostileWorkbooks.notAZip(), UNREADABLE, "не является книгой Excel"); }

    @Test void anOldXlsOrAPasswordProtectedBook() throws Exception { assertRefused(HostileWorkbooks.oldXls(), UNSUPPORTED_FORMAT, ".xls"); }

    @Test void aZipThatIsNotAWorkbook() throws Exception { assertRefused(HostileWorkbooks.plainZip(), UNREADABLE, "не является книгой Excel"); }

    @Test void aDamagedWorkbook() throws Exception { assertRefused(HostileWorkbooks.truncated(), UNREADABLE, "Excel"); }

    @Test void aZipBomb() throws Exception { assertRefused(HostileWorkbooks.zipBomb(), TOO_LARGE, "zip-бомбу"); }

    @Test void aMillionRows() throws Exception {
        assertRefused(HostileWorkbooks.districtRows(1_000_000), TOO_LARGE, "больше " + DistrictReader.MAX_ROWS + " заполненных строк");
    }

    @Test void externalLinks() throws Exception { assertRefused(HostileWorkbooks.externalLink(), EXTERNAL_LINKS, "внешние связи"); }

    @Test void aDistrictFormIsNotTakenForOneOrganization() throws Exception {
        Path file = Files.createTempFile("district-", ".xlsx");
        Files.write(file, HostileWorkbooks.districtTemplate());
        WorkbookRejected e = assertThrows(WorkbookRejected.class, () -> new SheetIntake().readOrganization(file));
        assertEquals(WorkbookRejected.Reason.NOT_A_FORM, e.reason());
        assertTrue(e.detail().contains("/api/v1/audits/batch"), e.detail());
        Files.delete(file);
    }
}
