package ru.edu.auditor.service.sheets;

import ru.edu.auditor.text.Fmt;

/**
 * A workbook refused as a whole, before any of it is audited or stored: not an .xlsx, damaged, too large, a
 * zip bomb, links to other files, not one of the auditor's forms. {@code status} is the HTTP status to answer
 * (400, 413 or 415); {@code title} and {@code detail} are Russian, for the person who sent the file.
 */
public final class WorkbookRejected extends Exception {
    private final int status;
    private final String title;

    public WorkbookRejected(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() { return status; }

    public String title() { return title; }

    public String detail() { return getMessage(); }

    /** Title and detail as one line, for a command's «Ошибка: …»: «Это не форма сведений аудитора: в книге форма района…». */
    public String sentence() { return title + ": " + Fmt.afterColon(detail()); }

    static WorkbookRejected tooLarge(String detail) { return new WorkbookRejected(413, "Книга слишком большая", detail); }

    static WorkbookRejected damaged(String detail) { return new WorkbookRejected(400, "Файл не читается как книга Excel", detail); }

    static WorkbookRejected notOurs(String detail) { return new WorkbookRejected(400, "Это не форма сведений аудитора", detail); }
}
