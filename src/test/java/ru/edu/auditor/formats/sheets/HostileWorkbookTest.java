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

    /** Issue 22, finding 4: attributes Excel never writes are a damaged book naming the part and the cell, not a NumberFormatException. */
    @Test void malformedNumbersInTheXmlNameThePartAndTheCell() throws Exception {
        assertRefused(HostileWorkbooks.rowNumber("abc"), UNREADABLE, "«xl/worksheets/sheet2.xml»");
        assertRefused(HostileWorkbooks.rowNumber("abc"), UNREADABLE, "r=\"abc\"");
        assertRefused(HostileWorkbooks.rowNumber("99999999999"), UNREADABLE, "r=\"99999999999\" — не число от 1 до 1048576");
        assertRefused(HostileWorkbooks.rowNumber("0"), UNREADABLE, "r=\"0\"");
        WorkbookRejected style = refused(HostileWorkbooks.cellStyle("x"));
        assertEquals(UNREADABLE, style.reason());
        assertTrue(style.detail().matches("(?s).*у ячейки Организация![A-Z]+[0-9]+ атрибут s=\"x\".*"), style.detail());
        assertRefused(HostileWorkbooks.styleFormat("abc"), UNREADABLE, "«xl/styles.xml»");
        assertRefused(HostileWorkbooks.styleFormat("abc"), UNREADABLE, "numFmtId=\"abc\"");
    }

    /** A cell longer than Excel's 32,767 characters is refused while it streams in (so a 200 MiB cell is never held). */
    @Test void aCellLongerThanExcelAllowsIsRefusedAsItStreams() throws Exception {
        assertRefused(HostileWorkbooks.longInlineCell(XlsxReader.MAX_CELL_CHARS + 1), TOO_LARGE, "В ячейке Организация!B2");
        assertRefused(HostileWorkbooks.longInlineCell(8 << 20), TOO_LARGE, "больше 32767 знаков");
    }

    /** docs/sheets.md: a book of more than 1,000 parts is too large (413), not «повреждена». */
    @Test void moreThanAThousandPartsIsTooLarge() throws Exception {
        assertRefused(HostileWorkbooks.manyParts(XlsxReader.MAX_PARTS), TOO_LARGE, "больше " + XlsxReader.MAX_PARTS + " частей");
    }

    @Test void aDistrictFormIsNotTakenForOneOrganization() throws Exception {
        Path file = Files.createTempFile("district-", ".xlsx");
        Files.write(file, HostileWorkbooks.districtTemplate());
        WorkbookRejected e = assertThrows(WorkbookRejected.class, () -> new SheetIntake().readOrganization(file));
        assertEquals(WorkbookRejected.Reason.NOT_A_FORM, e.reason());
        assertTrue(e.detail().contains("/api/v1/audits/batch"), e.detail());
        Files.delete(file);
    }
}
