package ru.edu.auditor.service;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A resource that one user at a time may hold, owned by the service object that serves it (not a static: two
 * servers in one JVM each have their own). Taking it gives a {@link Held} to close when done; closing it twice
 * releases it once.
 */
public final class OneAtATime {
    private final Semaphore permit = new Semaphore(1);

    /** The resource, or empty while someone else holds it. */
    public Optional<Held> tryTake() {
        return permit.tryAcquire() ? Optional.of(new Held()) : Optional.empty();
    }

    /** True while someone holds it. */
    public boolean busy() { return permit.availablePermits() == 0; }

    /** The resource while held; {@link #close} gives it back. */
    public final class Held implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        private Held() { }

        @Override public void close() {
            if (released.compareAndSet(false, true)) permit.release();
        }
    }
}
