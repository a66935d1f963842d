package ru.edu.auditor.store;

/**
 * The audit store cannot be reached (connection refused or lost, pool timeout, database file busy or
 * unwritable): a condition that passes, answered with 503 and retried by the client.
 */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) { super(message, cause); }
}
