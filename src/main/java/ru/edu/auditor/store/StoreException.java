package ru.edu.auditor.store;

/** The audit store failed; the audit in question is not stored. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
