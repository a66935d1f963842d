package ru.edu.auditor.formats.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PatternFormatting;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.report.OrganizationHistory;
import ru.edu.auditor.report.ReportVerdicts;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.text.Fmt;

/**
 * Results as workbooks an authority can file: a stored report, an organization's history, a district roll-up.
 * Verdicts and statuses in Russian (the labels of the CSV and the terminal), a frozen header row, an autofilter
 * over each table, verdicts coloured by conditional formatting (so a filtered or re-sorted table keeps its
 * colours), dates as real dates shown ДД.ММ.ГГГГ, shares as numbers (rounded down, as everywhere).
 */
public final class ResultWorkbooks {
    private ResultWorkbooks() { }

    /** One audit report (the stored JSON): «Сводка» and «Пункты» (one row per clause; one row for a decree that does not apply). */
    public static byte[] report(JsonNode report) {
        return build(wb -> {
            JsonNode org = report.path("organization");
            Sheet head = wb.book.createSheet("Сводка");
            int r = wb.pairs(head, 0, List.of(
                    new Object[] {"Организация", org.path("name").asText()},
                    new Object[] {"Муниципальное образование", org.path("municipality").asText()},
                    new Object[] {"Дата проверки", date(report.path("asOf"))},
                    new Object[] {"Итог", Labels.status(report.path("status").asText())},
                    new Object[] {"Номер проверки", report.path("decisionId").asText()},
                    new Object[] {"Версия правил", report.path("rulesVersion").asText()}));
            wb.statusColours(head, new CellRangeAddress(3, 3, 1, 1));
            r++;
            wb.header(head.createRow(r++), List.of("Вердикт", "Пунктов"));
            int first = r;
            for (Map.Entry<String, String> v : Labels.VERDICTS.entrySet()) {
                int n = report.path("summary").path(v.getKey()).asInt(0);
                if (n == 0) continue;
                Row row = head.createRow(r++);
                row.createCell(0).setCellValue(v.getValue());
                row.createCell(1).setCellValue(n);
            }
            wb.verdictColours(head, new CellRangeAddress(first, Math.max(first, r - 1), 0, 0));
            head.setColumnWidth(0, 30 * 256);
            head.setColumnWidth(1, 60 * 256);

            Sheet sh = wb.book.createSheet("Пункты");
            List<String> cols = List.of("Документ", "Распространяется", "Пункт", "Вердикт", "Срок", "Объяснение", "Адресат", "Текст пункта");
            wb.header(sh.createRow(0), cols);
            int row = 1;
            for (JsonNode d : report.path("decrees")) {
                String doc = Labels.document(d.path("kind").asText(), d.path("number").asText(),
                        d.path("date").isTextual() ? LocalDate.parse(d.path("date").asText()) : null);
                if (!d.path("applicable").asBoolean()) {
                    wb.row(sh, row++, doc, "нет", "", Labels.verdict("NOT_APPLICABLE"), null, d.path("applicability").asText(), "", "");
                    continue;
                }
                for (JsonNode c : d.path("clauses")) {
                    wb.row(sh, row++, doc, "да", c.path("clause").asText(), Labels.verdict(c.path("status").asText()), date(c.path("deadline")),
                            c.path("explanation").asText(), c.path("addressee").asText(""), c.path("text").asText(""));
                }
            }
            wb.table(sh, cols.size(), row, new int[] {40, 10, 8, 22, 12, 90, 30, 70});
            wb.verdictColours(sh, new CellRangeAddress(1, Math.max(1, row - 1), 3, 3));
        });
    }

    /** An organization's audits over time: «Проверки» (one row per audit and clause) and «Изменения» (verdicts that changed). */
    public static byte[] history(OrganizationHistory h) {
        return build(wb -> {
            Sheet sh = wb.book.createSheet("Проверки");
            List<String> cols = List.of("Дата проверки", "Период с", "Период по", "Итог проверки", "Решение", "Пункт", "Вердикт",
                    "Номер проверки", "Кто отправил", "Версия правил");
            wb.header(sh.createRow(0), cols);
            int row = 1;
            for (OrganizationHistory.Entry e : h.audits()) {
                for (Map.Entry<String, ReportVerdicts.DecreeVerdicts> d : e.decrees().entrySet()) {
                    if (d.getValue().clauses().isEmpty()) {
                        wb.row(sh, row++, e.asOf(), e.periodFrom(), e.periodTo(), Labels.status(e.status()), d.getKey(), "",
                                Labels.status(d.getValue().status()), e.decisionId(), e.submittedBy(), e.rulesVersion());
                        continue;
                    }
                    for (Map.Entry<String, String> c : d.getValue().clauses().entrySet()) {
                        wb.row(sh, row++, e.asOf(), e.periodFrom(), e.periodTo(), Labels.status(e.status()), d.getKey(), c.getKey(),
                                Labels.verdict(c.getValue()), e.decisionId(), e.submittedBy(), e.rulesVersion());
                    }
                }
            }
            wb.table(sh, cols.size(), row, new int[] {14, 12, 12, 30, 28, 8, 24, 38, 16, 24});
            wb.statusColours(sh, new CellRangeAddress(1, Math.max(1, row - 1), 3, 3));
            wb.verdictColours(sh, new CellRangeAddress(1, Math.max(1, row - 1), 6, 6));

            Sheet ch = wb.book.createSheet("Изменения");
            List<String> ccols = List.of("Решение", "Пункт", "Было", "Стало", "Дата проверки", "Номер проверки");
            wb.header(ch.createRow(0), ccols);
            int r = 1;
            for (OrganizationHistory.Change c : h.changes()) {
                wb.row(ch, r++, c.decree(), c.clause(), Labels.verdict(c.from()), Labels.verdict(c.to()), c.asOf(), c.decisionId());
            }
            wb.table(ch, ccols.size(), r, new int[] {28, 8, 24, 24, 14, 38});
            wb.verdictColours(ch, new CellRangeAddress(1, Math.max(1, r - 1), 2, 3));
            wb.book.setSheetOrder("Изменения", 0);
            wb.book.setActiveSheet(0);
            wb.book.setSelectedTab(0);
        });
    }

    /** A district roll-up: «Свод» (with «Показатель 10»), «Пункты» (counts per verdict), «Организации». */
    public static byte[] rollup(Rollup r) {
        return build(wb -> {
            Sheet head = wb.book.createSheet("Свод");
            Rollup.PlatformShare p = r.platformUse();
            List<Object[]> pairs = new ArrayList<>();
            pairs.add(new Object[] {"Муниципальное образование", r.municipality()});
            if (r.region() != null) pairs.add(new Object[] {"Субъект РФ", r.region()});
            pairs.add(new Object[] {"На дату", r.asOf()});
            pairs.add(new Object[] {"Организаций с проверками", r.organizations()});
            pairs.add(new Object[] {"Показатель 10: доля общеобразовательных организаций, использующих ИКОП «Сферум», %",
                    p.share() == null ? "нет сведений" : share(p.using(), p.generalOrganizations())});
            pairs.add(new Object[] {"Общеобразовательных организаций", p.generalOrganizations()});
            pairs.add(new Object[] {"из них используют", p.using()});
            pairs.add(new Object[] {"не используют", p.notUsing()});
            pairs.add(new Object[] {"нет сведений", p.unknown()});
            pairs.add(new Object[] {"Что считается использованием", p.definition()});
            wb.pairs(head, 0, pairs);
            head.setColumnWidth(0, 60 * 256);
            head.setColumnWidth(1, 90 * 256);

            Sheet sh = wb.book.createSheet("Пункты");
            List<String> cols = new ArrayList<>(List.of("Документ", "Пункт", "Вид пункта"));
            Labels.ROLLUP_COLUMNS.values().forEach(v -> cols.add(Fmt.capitalized(v)));
            cols.addAll(List.of("Проверяется у организаций", "Доля выполнивших, %"));
            wb.header(sh.createRow(0), cols);
            int row = 1;
            for (Rollup.DecreeRollup d : r.decrees()) {
                for (Rollup.ClauseRollup c : d.clauses()) {
                    List<Object> cells = new ArrayList<>(List.of(d.document(), c.clause(), Labels.clauseKind(c.kind())));
                    Labels.ROLLUP_COLUMNS.keySet().forEach(v -> cells.add(c.counts().getOrDefault(v, 0)));
                    cells.add(c.addressed());
                    cells.add(c.shareCompliant() == null ? (c.addressed() == 0 ? null : "нет сведений") : share(c.compliant(), c.addressed()));
                    wb.row(sh, row++, cells.toArray());
                }
            }
            int[] widths = new int[cols.size()];
            Arrays.fill(widths, 14);
            widths[0] = 40;
            widths[1] = 8;
            widths[2] = 18;
            wb.table(sh, cols.size(), row, widths);
            // a clause someone breaches stands out: its «нарушение» count above zero
            int failCol = 3 + new ArrayList<>(Labels.ROLLUP_COLUMNS.keySet()).indexOf("FAIL");
            wb.fill(sh, new CellRangeAddress(1, Math.max(1, row - 1), failCol, failCol), ComparisonOperator.GT, "0", IndexedColors.ROSE);
            wb.fill(sh, new CellRangeAddress(1, Math.max(1, row - 1), cols.size() - 1, cols.size() - 1), ComparisonOperator.EQUAL, "100",
                    IndexedColors.LIGHT_GREEN);

            Sheet orgs = wb.book.createSheet("Организации");
            List<String> ocols = List.of("Организация", "Вид", "Дата последней проверки", "Итог на " + Fmt.date(r.asOf()), "Использует платформу",
                    "Номер проверки");
            wb.header(orgs.createRow(0), ocols);
            int o = 1;
            for (Rollup.OrganizationLine l : r.organizationList()) {
                wb.row(orgs, o++, l.name(), OrgKinds.label(l.kind()), l.asOf(), Labels.status(l.status()),
                        l.usesPlatform() == null ? "нет сведений" : l.usesPlatform() ? "да" : "нет", l.decisionId());
            }
            wb.table(orgs, ocols.size(), o, new int[] {50, 30, 16, 30, 16, 38});
            wb.statusColours(orgs, new CellRangeAddress(1, Math.max(1, o - 1), 3, 3));
        });
    }

    /** A share in percent rounded down to one decimal (399 of 400 is 99.7, never 100), or null when there is no whole. */
    static Double share(int part, int whole) {
        return whole <= 0 ? null : Math.floor(part * 1000.0 / whole) / 10.0;
    }

    private static LocalDate date(JsonNode n) { return n.isTextual() ? LocalDate.parse(n.asText()) : null; }

    private interface Content {
        void fill(Book wb);
    }

    /** Streamed (SXSSF): rows beyond a small window go to a temporary file, so a district of any size fits the heap. */
    private static byte[] build(Content content) {
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try {
            content.fill(new Book(book));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            book.dispose();
            try {
                book.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** A workbook with its shared styles and the table helpers. */
    private static final class Book {
        final Workbook book;
        final CellStyle header, date, wrap, number, percent;

        Book(Workbook book) {
            this.book = book;
            Font bold = book.createFont();
            bold.setBold(true);
            header = book.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setVerticalAlignment(VerticalAlignment.TOP);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd.mm.yyyy"));
            date.setVerticalAlignment(VerticalAlignment.TOP);
            wrap = book.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            number = book.createCellStyle();
            number.setVerticalAlignment(VerticalAlignment.TOP);
            percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.0"));
            percent.setVerticalAlignment(VerticalAlignment.TOP);
        }

        void header(Row row, List<String> names) {
            for (int i = 0; i < names.size(); i++) {
                Cell c = row.createCell(i);
                c.setCellValue(names.get(i));
                c.setCellStyle(header);
            }
        }

        /** Label–value lines from {@code row} on; returns the next free row. */
        int pairs(Sheet sh, int row, List<Object[]> pairs) {
            for (Object[] p : pairs) {
                Row r = sh.createRow(row++);
                Cell k = r.createCell(0);
                k.setCellValue((String) p[0]);
                k.setCellStyle(header);
                set(r.createCell(1), p[1]);
            }
            return row;
        }

        void row(Sheet sh, int index, Object... values) {
            Row r = sh.createRow(index);
            for (int i = 0; i < values.length; i++) set(r.createCell(i), values[i]);
        }

        private void set(Cell c, Object v) {
            if (v == null) return;
            if (v instanceof LocalDate d) {
                c.setCellValue(d);
                c.setCellStyle(date);
            } else if (v instanceof Double d) {
                c.setCellValue(d);
                c.setCellStyle(percent);
            } else if (v instanceof Number n) {
                c.setCellValue(n.doubleValue());
                c.setCellStyle(number);
            } else {
                c.setCellValue(v.toString()); // always text: a value starting with «=» stays text, never a formula
                c.setCellStyle(wrap);
            }
        }

        /** Frozen header row, autofilter over the table, column widths in characters. */
        void table(Sheet sh, int columns, int rows, int[] widths) {
            sh.createFreezePane(0, 1);
            sh.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, columns - 1));
            for (int i = 0; i < widths.length; i++) sh.setColumnWidth(i, widths[i] * 256);
        }

        void verdictColours(Sheet sh, CellRangeAddress range) {
            text(sh, range, Labels.verdict("FAIL"), IndexedColors.ROSE);
            text(sh, range, Labels.verdict("PASS"), IndexedColors.LIGHT_GREEN);
            text(sh, range, Labels.verdict("PENDING"), IndexedColors.LIGHT_YELLOW);
            text(sh, range, Labels.verdict("NO_DATA"), IndexedColors.GREY_25_PERCENT);
            text(sh, range, Labels.verdict("MANUAL"), IndexedColors.LIGHT_ORANGE);
            text(sh, range, Labels.verdict("ERROR"), IndexedColors.RED);
        }

        void statusColours(Sheet sh, CellRangeAddress range) {
            text(sh, range, Labels.status("non-compliant"), IndexedColors.ROSE);
            text(sh, range, Labels.status("compliant"), IndexedColors.LIGHT_GREEN);
            text(sh, range, Labels.status("incomplete"), IndexedColors.LIGHT_YELLOW);
            text(sh, range, Labels.status("pending"), IndexedColors.LIGHT_TURQUOISE);
            text(sh, range, Labels.status("error"), IndexedColors.RED);
        }

        private void text(Sheet sh, CellRangeAddress range, String value, IndexedColors colour) {
            fill(sh, range, ComparisonOperator.EQUAL, "\"" + value.replace("\"", "\"\"") + "\"", colour);
        }

        void fill(Sheet sh, CellRangeAddress range, byte operator, String formula, IndexedColors colour) {
            SheetConditionalFormatting cf = sh.getSheetConditionalFormatting();
            ConditionalFormattingRule rule = cf.createConditionalFormattingRule(operator, formula);
            PatternFormatting p = rule.createPatternFormatting();
            p.setFillBackgroundColor(colour.getIndex());
            p.setFillPattern(PatternFormatting.SOLID_FOREGROUND);
            cf.addConditionalFormatting(new CellRangeAddress[] {range}, rule);
        }
    }
}
