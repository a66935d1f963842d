package ru.edu.auditor.service.record;

/**
 * Where the request being served comes from (the client's address), for the change record's «откуда». Each front end's
 * gate sets it when it admits a request and clears it when the request is done; the services read it when they append
 * to the record, so no service signature has to carry it. Work handed to another thread (a workspace job) takes the
 * address along with {@link #current()} and {@link #during}.
 */
public final class Origin {
    private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

    private Origin() { }

    /** The current request's address; null outside a request (a command, the rules watcher). */
    public static String current() { return ADDRESS.get(); }

    public static void set(String address) { ADDRESS.set(address); }

    public static void clear() { ADDRESS.remove(); }

    /** Runs {@code work} as if it came from {@code address} (a job started by a request, on another thread). */
    public static void during(String address, Runnable work) {
        String before = ADDRESS.get();
        ADDRESS.set(address);
        try {
            work.run();
        } finally {
            if (before == null) ADDRESS.remove();
            else ADDRESS.set(before);
        }
    }
}
