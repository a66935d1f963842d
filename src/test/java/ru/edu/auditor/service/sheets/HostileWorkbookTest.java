package ru.edu.auditor.service.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hostile and broken workbooks are refused whole, with a Russian reason and the HTTP status to answer. */
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

    static void assertRefused(byte[] book, int status, String text) throws Exception {
        WorkbookRejected e = refused(book);
        assertEquals(status, e.status(), e.detail());
        assertTrue(e.detail().contains(text), e.detail());
        assertTrue(e.detail().matches("(?s).*[А-Яа-я].*") && !e.detail().matches("(?s).*\\b(Exception|org\\.apache|java\\.)\\b.*"), e.detail());
    }

    @Test void notAZip() throws Exception { assertRefused(HostileWorkbooks.notAZip(), 400, "не является книгой Excel"); }

    @Test void anOldXlsOrAPasswordProtectedBook() throws Exception { assertRefused(HostileWorkbooks.oldXls(), 415, ".xls"); }

    @Test void aZipThatIsNotAWorkbook() throws Exception { assertRefused(HostileWorkbooks.plainZip(), 400, "не является книгой Excel"); }

    @Test void aDamagedWorkbook() throws Exception { assertRefused(HostileWorkbooks.truncated(), 400, "Excel"); }

    @Test void aZipBomb() throws Exception { assertRefused(HostileWorkbooks.zipBomb(), 413, "zip-бомбу"); }

    @Test void aMillionRows() throws Exception {
        assertRefused(HostileWorkbooks.districtRows(1_000_000), 413, "больше " + DistrictReader.MAX_ROWS + " заполненных строк");
    }

    @Test void externalLinks() throws Exception { assertRefused(HostileWorkbooks.externalLink(), 400, "внешние связи"); }

    @Test void aDistrictFormIsNotTakenForOneOrganization() throws Exception {
        Path file = Files.createTempFile("district-", ".xlsx");
        Files.write(file, HostileWorkbooks.districtTemplate());
        WorkbookRejected e = assertThrows(WorkbookRejected.class, () -> new SheetIntake().readOrganization(file));
        assertEquals(400, e.status());
        assertTrue(e.detail().contains("/api/v1/audits/batch"), e.detail());
        Files.delete(file);
    }
}
