package ru.edu.auditor.formats.sheets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Hostile and broken workbooks, made by code (no binary test files). */
public final class HostileWorkbooks {
    private HostileWorkbooks() { }

    public static byte[] organizationTemplate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FormWriter(FormLayout.current()).organization(null, out);
        return out.toByteArray();
    }

    public static byte[] districtTemplate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FormWriter(FormLayout.current()).district(java.util.Collections.emptyIterator(), out);
        return out.toByteArray();
    }

    public static byte[] notAZip() { return "Это не книга Excel, а просто текст.\n".getBytes(StandardCharsets.UTF_8); }

    /** The signature of an OLE2 compound file: an .xls of Excel 97–2003, or a password-protected .xlsx. */
    public static byte[] oldXls() {
        byte[] b = new byte[4096];
        byte[] sig = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(sig, 0, b, 0, sig.length);
        return b;
    }

    /** A zip that is not an Office document. */
    public static byte[] plainZip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return out.toByteArray();
    }

    /** The first half of a real workbook. */
    public static byte[] truncated() throws IOException {
        byte[] t = organizationTemplate();
        return java.util.Arrays.copyOf(t, t.length / 2);
    }

    /** The organization form whose «Организация» sheet inflates from about 30 KiB to 30 MiB of blanks. */
    public static byte[] zipBomb() throws IOException {
        return replace(organizationTemplate(), "xl/worksheets/sheet2.xml", out -> {
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetData>").getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 30; i++) out.write(blanks);
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The district form with {@code rows} filled rows (its header rows kept). */
    public static byte[] districtRows(int rows) throws IOException {
        return replace(districtTemplate(), "xl/worksheets/sheet2.xml", out -> {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData>");
            b.append(headerRowXml());
            for (int r = 3; r <= rows + 2; r++) {
                b.append("<row r=\"").append(r).append("\"><c r=\"C").append(r).append("\" t=\"inlineStr\"><is><t>Школа ").append(r)
                        .append("</t></is></c></row>");
                if (b.length() > 1 << 16) {
                    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                    b.setLength(0);
                }
            }
            b.append("</sheetData></worksheet>");
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static String headerRowXml() {
        StringBuilder b = new StringBuilder("<row r=\"2\">");
        java.util.List<Slot> cols = FormLayout.current().district().columns();
        for (int c = 0; c < cols.size(); c++) {
            b.append("<c r=\"").append(RawCell.ref(1, c)).append("\" t=\"inlineStr\"><is><t>")
                    .append(cols.get(c).label().replace("&", "&amp;").replace("<", "&lt;")).append("</t></is></c>");
        }
        return b.append("</row>").toString();
    }

    /** A form whose cell takes its value from another workbook (an external link part). */
    public static byte[] externalLink() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(organizationTemplate()));
             XSSFWorkbook other = new XSSFWorkbook()) {
            other.createSheet("Лист1").createRow(0).createCell(0).setCellValue(40);
            wb.linkExternalWorkbook("другой.xlsx", other);
            org.apache.poi.ss.usermodel.Cell c = Workbooks.cell(wb, "Численность",
                    Workbooks.value("Численность", "Сотрудники организации", "Всего человек в группе"));
            c.setCellFormula("[другой.xlsx]Лист1!A1");
            c.setCellValue(40);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** {@code book} with the text of part {@code name} edited (the part must change). */
    static byte[] edit(byte[] book, String name, java.util.function.UnaryOperator<String> change) throws IOException {
        String[] old = {null};
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("book-", ".zip");
        try {
            java.nio.file.Files.write(tmp, book);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile()); java.io.InputStream in = zip.getInputStream(zip.getEntry(name))) {
                old[0] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
        String changed = change.apply(old[0]);
        if (changed.equals(old[0])) throw new IllegalArgumentException("nothing changed in " + name);
        return replace(book, name, out -> out.write(changed.getBytes(StandardCharsets.UTF_8)));
    }

    /** The organization form whose first row of the «Организация» sheet has {@code r="value"}. */
    public static byte[] rowNumber(String value) throws IOException {
        return edit(organizationTemplate(), "xl/worksheets/sheet2.xml", x -> x.replaceFirst("<row r=\"[0-9]+\"", "<row r=\"" + value + "\""));
    }

    /** The district form with one filled row numbered {@code r="value"} (after its header rows). */
    public static byte[] districtRowNumber(String value) throws IOException {
        return edit(districtRows(1), "xl/worksheets/sheet2.xml", x -> x.replace("<row r=\"3\"><c r=\"C3\"", "<row r=\"" + value + "\"><c r=\"C3\""));
    }

    /** The organization form whose first styled cell of the «Организация» sheet has {@code s="value"}. */
    public static byte[] cellStyle(String value) throws IOException {
        return edit(organizationTemplate(), "xl/worksheets/sheet2.xml", x -> x.replaceFirst("(<c r=\"[A-Z]+[0-9]+\"[^>]*?) s=\"[0-9]+\"", "$1 s=\"" + value + "\""));
    }

    /** The organization form whose first cell style (xf of cellXfs) has {@code numFmtId="value"}. */
    public static byte[] styleFormat(String value) throws IOException {
        return edit(organizationTemplate(), "xl/styles.xml", x -> {
            int at = x.indexOf("<cellXfs");
            return x.substring(0, at) + x.substring(at).replaceFirst("<xf numFmtId=\"[0-9]+\"", "<xf numFmtId=\"" + value + "\"");
        });
    }

    /** The organization form with one inline-string cell of {@code chars} characters (B2 of «Организация»), written as a stream. */
    public static byte[] longInlineCell(int chars) throws IOException {
        return replace(organizationTemplate(), "xl/worksheets/sheet2.xml", out -> {
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetData><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>").getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 16];
            java.util.Random random = new java.util.Random(22); // varied letters: compresses like text, not like a zip bomb
            for (int left = chars; left > 0; left -= chunk.length) {
                for (int i = 0; i < chunk.length; i++) chunk[i] = (byte) ('a' + random.nextInt(26));
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
            out.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The organization form with {@code extra} more (tiny) parts in its archive. */
    public static byte[] manyParts(int extra) throws IOException {
        byte[] book = organizationTemplate();
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("book-", ".zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            java.nio.file.Files.write(tmp, book);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile()); ZipOutputStream z = new ZipOutputStream(out)) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    try (java.io.InputStream in = zip.getInputStream(e)) {
                        in.transferTo(z);
                    }
                    z.closeEntry();
                }
                for (int i = 0; i < extra; i++) {
                    z.putNextEntry(new ZipEntry("customXml/item" + i + ".xml"));
                    z.write("<a/>".getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
        return out.toByteArray();
    }

    private interface Part {
        void write(OutputStream out) throws IOException;
    }

    /** {@code book} with the part {@code name} replaced. */
    static byte[] replace(byte[] book, String name, Part part) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("book-", ".zip");
        try {
            java.nio.file.Files.write(tmp, book); // read by its central directory: streamed (SXSSF) books carry sizes only there
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    try (java.io.InputStream in = zip.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
        if (!entries.containsKey(name)) throw new IllegalArgumentException("no part " + name + " in " + entries.keySet());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getKey().equals(name)) part.write(z);
                else z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
