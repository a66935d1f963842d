package ru.edu.auditor.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CSV as a Russian Excel reads it. */
class CsvTest {
    @Test
    void bomSemicolonsCrlfAndQuoting() {
        String text = new Csv().row("Пункт", "1.2", null, 52).row("a;b", "он сказал \"да\"", "две\nстроки", " отступ").toString();
        assertEquals("\uFEFFПункт;1.2;;52\r\n\"a;b\";\"он сказал \"\"да\"\"\";\"две\nстроки\";\" отступ\"\r\n", text);
        byte[] bytes = new Csv().row("x").bytes();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte-order mark");
        assertEquals("\uFEFFx\r\n", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void numbersUseTheDecimalCommaAndFormulasAreDefused() {
        assertEquals("0,75", Csv.cell(0.75));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("-5", Csv.cell("-5"), "a plain number stays a number");
    }

    @Test
    void percentRoundsDownLikeTheReports() {
        assertEquals("99,7", Csv.percent(399, 400));
        assertEquals("100", Csv.percent(4, 4));
        assertEquals("", Csv.percent(0, 0));
    }

    @Test
    void clauseNumbersAndIdsStayTextInARussianExcel() {
        assertEquals("\"=\"\"1.2\"\"\"", Csv.cell(Csv.text("1.2")), "1.2 would become 1 February");
        assertEquals("\"=\"\"3.10\"\"\"", Csv.cell(Csv.text("3.10")));
        assertEquals("\"=\"\"7\"\"\"", Csv.cell(Csv.text("7")));
        assertEquals("\"=\"\"0512345678\"\"\"", Csv.cell(Csv.text("0512345678")), "an INN keeps its leading zero");
        assertEquals("п. 4 (абз. 2)", Csv.cell(Csv.text("п. 4 (абз. 2)")), "text Excel would not convert is written as is");
        assertEquals("'=1+1", Csv.cell(Csv.text("=1+1")), "a formula in a text cell is still defused");
        assertEquals("", Csv.cell(Csv.text("")));
    }

    @Test
    void datesAreDayMonthYear() {
        assertEquals("18.10.2023", Csv.date(java.time.LocalDate.of(2023, 10, 18)));
        assertEquals("", Csv.date(null));
        String line = new String(Csv.line(java.util.List.of(1, Csv.date(java.time.LocalDate.of(2024, 2, 29)), Csv.text("1.5"))), StandardCharsets.UTF_8);
        assertEquals("1;29.02.2024;\"=\"\"1.5\"\"\"\r\n", line);
    }
}
