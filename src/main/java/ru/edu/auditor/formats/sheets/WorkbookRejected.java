package ru.edu.auditor.formats.sheets;

import ru.edu.auditor.text.Fmt;

/**
 * A workbook refused as a whole, before any of it is audited or stored: not an .xlsx, damaged, too large, a
 * zip bomb, links to other files, not one of the auditor's forms. {@link #reason()} says which kind of refusal
 * it is (a front end maps it to its own answer, e.g. an HTTP status); {@link #title()} and {@link #detail()} are
 * Russian, for the person who sent the file.
 */
public final class WorkbookRejected extends Exception {
    /** Why a workbook is refused; each kind has its Russian title. */
    public enum Reason {
        /** Bigger than the form can be: the file, a sheet's rows, shared strings, a zip bomb. */
        TOO_LARGE("Книга слишком большая"),
        /** Not a zip of Office Open XML, or damaged inside. */
        UNREADABLE("Файл не читается как книга Excel"),
        /** An Excel 97–2003 (.xls) or password-protected book: a format the auditor does not read. */
        UNSUPPORTED_FORMAT("Формат книги не поддерживается"),
        /** External links or formulas that take values from other files. */
        EXTERNAL_LINKS("Книга ссылается на другие файлы"),
        /** A readable workbook that is not one of the auditor's forms (or the other form than expected). */
        NOT_A_FORM("Это не форма сведений аудитора");

        private final String title;

        Reason(String title) { this.title = title; }

        public String title() { return title; }
    }

    private final Reason reason;

    public WorkbookRejected(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() { return reason; }

    public String title() { return reason.title(); }

    public String detail() { return getMessage(); }

    /** Title and detail as one line, for a command's «Ошибка: …»: «Это не форма сведений аудитора: в книге форма района…». */
    public String sentence() { return title() + ": " + Fmt.afterColon(detail()); }

    static WorkbookRejected tooLarge(String detail) { return new WorkbookRejected(Reason.TOO_LARGE, detail); }

    static WorkbookRejected damaged(String detail) { return new WorkbookRejected(Reason.UNREADABLE, detail); }

    static WorkbookRejected notOurs(String detail) { return new WorkbookRejected(Reason.NOT_A_FORM, detail); }
}
