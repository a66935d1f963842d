package ru.edu.auditor.service;

import ru.edu.auditor.store.StoreUnavailableException;

/** Tells a failure of the audit store that may pass (the database does not answer) from any other failure. */
public final class StoreOutage {
    private StoreOutage() { }

    /** True when {@code e} says the audit store does not answer now: the request may be repeated in a few seconds. */
    public static boolean is(Throwable e) { return e instanceof StoreUnavailableException; }
}
