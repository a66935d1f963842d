package ru.edu.auditor.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that commits whatever is waiting in one transaction. A durable commit costs a disk flush
 * (3–5 ms on this machine's disk, whatever the size of the transaction), so audits that arrive while one
 * commit is under way are committed together by the next: one flush for the group instead of one each.
 * Nobody waits for a group to fill — a lone item is written at once — and a group holds at most
 * {@value #MAX_GROUP} items. When a group fails for a reason other than an unreachable store, its items are
 * written one by one, so one bad item fails alone. The thread ends after a quiet minute and starts again on
 * the next item.
 */
final class GroupCommit<T> {
    static final int MAX_GROUP = 64;
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final long IDLE_SECONDS = 60;

    private record Pending<T>(T item, CompletableFuture<Void> done) { }

    private final Consumer<List<T>> write;
    private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private boolean running;

    /** {@code write}: writes and commits the items in one transaction, or throws (then nothing of them is kept). */
    GroupCommit(Consumer<List<T>> write) { this.write = write; }

    /** Completes when {@code item} is committed, or exceptionally with what failed it. */
    CompletableFuture<Void> submit(T item) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending<>(item, done));
        synchronized (lifecycle) {
            if (!running) {
                running = true;
                Thread t = new Thread(this::loop, "audit-store-writer");
                t.setDaemon(true);
                t.start();
            }
        }
        return done;
    }

    private void loop() {
        List<Pending<T>> group = new ArrayList<>();
        while (true) {
            Pending<T> first;
            try {
                first = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                synchronized (lifecycle) {
                    if (queue.isEmpty()) {
                        running = false;
                        return;
                    }
                }
                continue;
            }
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            writeGroup(group);
            group.clear();
        }
    }

    private void writeGroup(List<Pending<T>> group) {
        try {
            write.accept(group.stream().map(Pending::item).toList());
            group.forEach(p -> p.done().complete(null));
            return;
        } catch (StoreUnavailableException e) {
            group.forEach(p -> p.done().completeExceptionally(e));
            return;
        } catch (RuntimeException | Error e) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(e);
                return;
            }
            log.debug("A group of {} failed ({}); writing its items one by one", group.size(), e.toString());
        }
        for (Pending<T> p : group) {
            try {
                write.accept(List.of(p.item()));
                p.done().complete(null);
            } catch (RuntimeException | Error e) {
                p.done().completeExceptionally(e);
            }
        }
    }
}
