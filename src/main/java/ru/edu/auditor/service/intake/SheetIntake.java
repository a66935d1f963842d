package ru.edu.auditor.service.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.sheets.CellLocator;
import ru.edu.auditor.formats.sheets.DistrictReader;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormReader;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
import ru.edu.auditor.formats.sheets.XlsxReader;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.FactsValidator;
import ru.edu.auditor.service.batch.BatchAudits;
import ru.edu.auditor.service.batch.BatchPipeline;

/**
 * Workbooks in, audits out: the one way the API and the CLI take spreadsheets. A workbook becomes the same facts
 * documents a JSON client would send and goes through the same {@link AuditService} (validation, audit, store)
 * — one organization form as one audit, a district form through the batch pipeline, one record per row. A
 * workbook is read whole before anything is audited, so a refused book ({@link WorkbookRejected}) leaves
 * nothing stored.
 */
public final class SheetIntake {
    /** The content type of .xlsx. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final FormLayout layout;

    public SheetIntake(FormLayout layout) { this.layout = layout; }

    public SheetIntake() { this(FormLayout.current()); }

    /** True for the .xlsx content type (parameters ignored). */
    public static boolean isXlsx(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].strip().equalsIgnoreCase(XLSX);
    }

    /**
     * Copies an upload to a temporary file (a zip is read from its end, and POI reads a file part by part instead
     * of holding the book in memory); more than {@link XlsxReader#MAX_FILE_BYTES} is refused while copying.
     */
    public static Path spool(InputStream in) throws IOException, WorkbookRejected {
        Path tmp = Files.createTempFile("auditor-upload-", ".xlsx");
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > XlsxReader.MAX_FILE_BYTES) {
                    throw new WorkbookRejected(WorkbookRejected.Reason.TOO_LARGE, "Файл больше " + (XlsxReader.MAX_FILE_BYTES >> 20) + " МиБ.");
                }
                out.write(buf, 0, n);
            }
            ok = true;
        } finally {
            if (!ok) Files.deleteIfExists(tmp);
        }
        return tmp;
    }

    /** The report, or every problem (each with its cell when it has one). */
    public record Single(AuditService.Outcome outcome, List<FieldProblem> problems) {
        public boolean ok() { return outcome != null && outcome.ok(); }
    }

    /** Reads the organization form in {@code file} and audits it as {@code who}. */
    public Single auditOrganization(Path file, AuditService service, Tokens.Principal who) throws WorkbookRejected {
        return audit(readOrganization(file), service, who);
    }

    /** Audits an organization form already read (the CLI may first set the audit date): cell problems, else the audit. */
    public Single audit(FormReader.Intake intake, AuditService service, Tokens.Principal who) {
        if (!intake.problems().isEmpty()) return new Single(null, withValidation(intake));
        AuditService.Outcome o = service.audit(intake.doc(), who);
        if (o.ok()) return new Single(o, List.of());
        return new Single(null, intake.cells().locate(o.problems()));
    }

    /** Reads the organization form in {@code file}: the facts document and the problems of its cells (not validated further). */
    public FormReader.Intake readOrganization(Path file) throws WorkbookRejected {
        try (XlsxReader book = XlsxReader.open(file)) {
            return FormReader.organization(book, layout);
        }
    }

    /**
     * Cell problems first; then what the facts validator finds in the rest of the document, leaving out what only
     * follows from the unreadable cells (a required value reported missing because its cell could not be read).
     */
    private static List<FieldProblem> withValidation(FormReader.Intake intake) {
        List<FieldProblem> out = new ArrayList<>(intake.problems());
        for (FieldProblem p : intake.cells().locate(FactsValidator.validate(intake.doc()))) {
            boolean follows = intake.problems().stream().anyMatch(c -> c.path().equals(p.path()) || c.path().startsWith(p.path() + ".")
                    || c.path().startsWith(p.path() + "[") || (p.cell() != null && p.cell().equals(c.cell())));
            if (!follows) out.add(p);
        }
        return out;
    }

    /**
     * A workbook read whole into facts documents (one per organization, in a temporary NDJSON file, not in
     * memory), ready to be audited by {@link #auditBatch}. Close it to delete the file.
     */
    public static final class Prepared implements AutoCloseable {
        private final Path docs;
        private final IntFunction<CellLocator> locators;
        private final int organizations;

        private Prepared(Path docs, IntFunction<CellLocator> locators, int organizations) {
            this.docs = docs;
            this.locators = locators;
            this.organizations = organizations;
        }

        /** How many organizations (non-empty rows) the workbook holds. */
        public int organizations() { return organizations; }

        @Override public void close() throws IOException { Files.deleteIfExists(docs); }
    }

    /**
     * Reads every organization of a workbook — the rows of a district form, or the one organization of an
     * organization form. Nothing is audited yet, so a refused book leaves nothing stored.
     */
    public Prepared prepare(Path file) throws WorkbookRejected, IOException {
        Path docs = Files.createTempFile("auditor-rows-", ".ndjson");
        boolean ok = false;
        try (XlsxReader book = XlsxReader.open(file);
             OutputStream w = new BufferedOutputStream(Files.newOutputStream(docs), 64 * 1024)) {
            Prepared p;
            if (DistrictReader.isDistrict(book)) {
                int[] count = {0};
                DistrictReader.read(book, layout, row -> {
                    envelope(w, row.row() + 1, row.doc(), row.problems());
                    count[0]++;
                });
                p = new Prepared(docs, row -> DistrictReader.locator(layout, row - 1), count[0]);
            } else {
                FormReader.Intake intake = FormReader.organization(book, layout);
                envelope(w, 1, intake.doc(), intake.problems().isEmpty() ? List.of() : withValidation(intake));
                p = new Prepared(docs, row -> intake.cells(), 1);
            }
            ok = true;
            return p;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (!ok) Files.deleteIfExists(docs);
        }
    }

    /**
     * Audits a prepared workbook through the batch pipeline: one record per organization to {@code out} in
     * {@code format}, in row order (the record's {@code line} is the row of the sheet «Организации»; 1 for an
     * organization form).
     */
    public BatchPipeline.Summary auditBatch(Prepared prepared, OutputStream out, AuditService service, Tokens.Principal who,
                                            BatchAudits.Format format) throws IOException {
        try (InputStream in = Files.newInputStream(prepared.docs)) {
            out.write(format.header());
            return BatchPipeline.onSharedWorkers().run(in, out, work(service, who, format, prepared.locators), format);
        }
    }

    private static void envelope(OutputStream w, int row, ObjectNode doc, List<FieldProblem> problems) throws WorkbookRejected {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("row", row);
        if (problems.isEmpty()) {
            e.set("facts", doc);
        } else {
            ArrayNode errors = e.putArray("errors");
            for (FieldProblem p : problems) {
                ObjectNode n = errors.addObject();
                n.put("path", p.path());
                n.put("message", p.message());
                n.put("code", p.code());
                if (p.cell() != null) n.put("cell", p.cell());
            }
        }
        try {
            w.write(Json.mapper().writeValueAsBytes(e));
            w.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One row: its cell problems as an invalid record, or its facts through the audit service (problems then named by cell). */
    private static BatchPipeline.LineWork work(AuditService service, Tokens.Principal who, BatchAudits.Format format,
                                               IntFunction<CellLocator> locators) {
        return (lineNo, bytes, tooLong) -> {
            JsonNode e;
            try {
                e = Json.mapper().readTree(bytes);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex); // written by envelope() above: cannot be malformed
            }
            int row = e.get("row").asInt();
            if (e.has("errors")) {
                List<FieldProblem> problems = new ArrayList<>();
                for (JsonNode p : e.get("errors")) {
                    problems.add(new FieldProblem(p.get("path").asText(), p.get("message").asText(), p.get("code").asText(),
                            p.hasNonNull("cell") ? p.get("cell").asText() : null));
                }
                return new BatchPipeline.Done(format.invalid(row, problems), BatchPipeline.Kind.INVALID, false);
            }
            AuditService.Outcome o = service.audit(e.get("facts"), who);
            if (!o.ok()) {
                return new BatchPipeline.Done(format.invalid(row, locators.apply(row).locate(o.problems())),
                        BatchPipeline.Kind.INVALID, false);
            }
            return new BatchPipeline.Done(format.audited(row, o), BatchPipeline.Kind.AUDITED, o.stored());
        };
    }
}
