package ru.edu.auditor.service.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams newline-delimited input through a worker pool and writes one output record per non-blank input
 * line, in input order, as soon as the record and every record before it are ready.
 *
 * <p>Nothing is buffered whole: a reader thread takes the input line by line and hands each line to the
 * workers; at most {@code window} lines are in flight (read but not yet written), so memory stays flat
 * however long the stream is. The calling thread writes the records in order and flushes whenever the
 * next record is not ready yet, so a client sees each answer as soon as it can be given.
 *
 * <p>Lines are split on {@code \n} ({@code \r\n} works too). A line longer than {@code maxLineBytes} is not
 * kept: its bytes are skipped up to the next newline and the work gets {@code tooLong = true}. Blank lines
 * (only spaces or tabs) are skipped, but still counted, so line numbers are the physical 1-based line
 * numbers of the input. A UTF-8 byte-order mark at the very start is ignored.
 *
 * <p>This is the one implementation behind {@code POST /api/v1/audits/batch} and the {@code audit-batch}
 * command; what is done with a line is the {@link LineWork} given to {@link #run}.
 */
public final class BatchPipeline {
    /** Longest accepted line: 1 MiB, the same as one single-audit request body. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    /** How long, after writing failed, the writer waits for the reader to stop before accounting for the lines in flight. */
    static final long DRAIN_WAIT_MS = 30_000;

    private static volatile ExecutorService shared;

    private final ExecutorService workers;
    private final int window;
    private final int maxLineBytes;

    /** What became of one line. */
    public enum Kind { AUDITED, INVALID, FAILED }

    /**
     * The record written for one line and how it counts in the summary. {@code committed}: when the line's
     * result is still being made durable (its audit waits for a group commit), completes once it is; the
     * record is written only then, and becomes a failure record if it fails. Null: nothing to wait for.
     */
    public record Done(byte[] output, Kind kind, boolean stored, CompletableFuture<Void> committed) {
        public Done(byte[] output, Kind kind, boolean stored) { this(output, kind, stored, null); }
    }

    /** Turns one line into its record; runs on a worker thread, so it must be thread-safe. */
    @FunctionalInterface
    public interface LineWork {
        /**
         * {@code bytes}: the line without its newline (null when {@code tooLong}). Must not throw for bad
         * input: a bad line is a record of its own. An exception is turned into a {@link Kind#FAILED} record
         * by {@code onFailure} of {@link #run}.
         */
        Done apply(long lineNo, byte[] bytes, boolean tooLong);
    }

    /**
     * What the batch came to. {@code lines}: physical lines read (blank ones included, so the last line number);
     * {@code lines = blank + audited + invalid + failed}. {@code aborted}: why the input ended early, or null
     * when it was read to its end.
     */
    public record Summary(long lines, long blank, long audited, long invalid, long failed, long stored, String aborted) { }

    /**
     * Told what became of each line, in input order, once its record is final (its audit committed or failed) and
     * before the record is written; also told of the lines still in flight when writing failed (the client gone),
     * so every audit that was committed is told of even when its record never reaches the client.
     */
    @FunctionalInterface
    public interface Listener {
        void done(long lineNo, Done done);
    }

    /** Formats the records that are not per line: the record for a line whose work threw, and the closing summary. */
    public interface Framing {
        byte[] failure(long lineNo, Throwable cause);

        byte[] summary(Summary summary);
    }

    public BatchPipeline(ExecutorService workers, int window, int maxLineBytes) {
        if (window < 1) throw new IllegalArgumentException("window must be at least 1");
        this.workers = workers;
        this.window = window;
        this.maxLineBytes = maxLineBytes;
    }

    /** A pipeline on the process-wide worker pool (one worker per core), with a window of four lines per worker. */
    public static BatchPipeline onSharedWorkers() { return onSharedWorkers(4); }

    /**
     * A pipeline on the process-wide worker pool with a window of {@code linesPerWorker} lines per worker (a
     * wider window lets more audits share one group commit while their records wait for it).
     */
    public static BatchPipeline onSharedWorkers(int linesPerWorker) {
        return new BatchPipeline(sharedWorkers(), linesPerWorker * workerCount(), DEFAULT_MAX_LINE_BYTES);
    }

    /** One worker per available core (at least one). */
    public static int workerCount() { return Math.max(1, Runtime.getRuntime().availableProcessors()); }

    /** The process-wide pool of batch workers (daemon threads, created on first use). */
    public static ExecutorService sharedWorkers() {
        ExecutorService s = shared;
        if (s == null) {
            synchronized (BatchPipeline.class) {
                s = shared;
                if (s == null) {
                    AtomicInteger n = new AtomicInteger();
                    s = Executors.newFixedThreadPool(workerCount(), r -> {
                        Thread t = new Thread(r, "batch-worker-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    shared = s;
                }
            }
        }
        return s;
    }

    /** A slot of the in-flight window: a record being made, or the end of the input. */
    private record Slot(long lineNo, CompletableFuture<Done> done, boolean end, String aborted) { }

    /**
     * Reads {@code in} to its end, writes one record per non-blank line to {@code out} in input order, then
     * the summary record, and flushes. Throws only when writing fails (the reader is then stopped).
     */
    public Summary run(InputStream in, OutputStream out, LineWork work, Framing framing) throws IOException {
        return run(in, out, work, framing, null);
    }

    /** The same, telling {@code listener} (may be null) what became of each line. */
    public Summary run(InputStream in, OutputStream out, LineWork work, Framing framing, Listener listener) throws IOException {
        BlockingQueue<Slot> inFlight = new ArrayBlockingQueue<>(window);
        long[] blank = new long[1];
        AtomicReference<Slot> orphan = new AtomicReference<>();
        Thread reader = new Thread(() -> read(in, work, framing, inFlight, blank, orphan), "batch-reader");
        reader.setDaemon(true);
        reader.start();
        long records = 0, audited = 0, invalid = 0, failed = 0, stored = 0;
        String aborted;
        try {
            while (true) {
                Slot slot = inFlight.take();
                if (slot.end()) {
                    aborted = slot.aborted();
                    break;
                }
                Done d = slot.done().join();
                if (listener != null) listener.done(slot.lineNo(), d);
                out.write(d.output());
                records++;
                switch (d.kind()) {
                    case AUDITED -> audited++;
                    case INVALID -> invalid++;
                    case FAILED -> failed++;
                }
                if (d.stored()) stored++;
                Slot next = inFlight.peek();
                if (next == null || (!next.end() && !next.done().isDone())) out.flush();
            }
            reader.join();
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("batch interrupted");
        } catch (IOException | RuntimeException e) {
            reader.interrupt();
            if (listener != null) drain(reader, inFlight, orphan, listener);
            throw e;
        }
        Summary summary = new Summary(records + blank[0], blank[0], audited, invalid, failed, stored, aborted);
        out.write(framing.summary(summary));
        out.flush();
        return summary;
    }

    /** After writing failed: waits for the lines already handed to the workers and tells the listener of each. */
    private static void drain(Thread reader, BlockingQueue<Slot> inFlight, AtomicReference<Slot> orphan, Listener listener) {
        try {
            reader.join(DRAIN_WAIT_MS); // interrupted, it stops at its next line; a read blocked on a dead connection fails with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Slot> left = new ArrayList<>();
        inFlight.drainTo(left);
        if (orphan.get() != null) left.add(orphan.get());
        for (Slot s : left) {
            if (s.end()) continue;
            try {
                listener.done(s.lineNo(), s.done().join());
            } catch (RuntimeException ignored) { // the work itself never throws: a failure is a record of its own
            }
        }
    }

    private void read(InputStream in, LineWork work, Framing framing, BlockingQueue<Slot> inFlight, long[] blank,
                      AtomicReference<Slot> orphan) {
        String aborted = null;
        try {
            LineReader lines = new LineReader(in, maxLineBytes);
            long blankCount = 0;
            while (lines.next()) {
                long lineNo = lines.lineNo();
                if (lines.blank()) {
                    blankCount++;
                    continue;
                }
                byte[] bytes = lines.tooLong() ? null : lines.copy();
                boolean tooLong = lines.tooLong();
                CompletableFuture<Done> f = CompletableFuture.supplyAsync(() -> {
                    try {
                        return work.apply(lineNo, bytes, tooLong);
                    } catch (RuntimeException | Error e) {
                        return new Done(framing.failure(lineNo, e), Kind.FAILED, false);
                    }
                }, workers).thenCompose(d -> d.committed() == null ? CompletableFuture.completedFuture(d)
                        : d.committed().handle((ok, failed) -> failed == null ? d
                                : new Done(framing.failure(lineNo, failed instanceof CompletionException c && c.getCause() != null ? c.getCause() : failed),
                                        Kind.FAILED, false)));
                Slot slot = new Slot(lineNo, f, false, null);
                try {
                    inFlight.put(slot);
                } catch (InterruptedException e) {
                    orphan.set(slot); // handed to a worker but never queued: the writer still accounts for it
                    throw e;
                }
            }
            blank[0] = blankCount;
        } catch (InterruptedException e) {
            return; // the writer gave up: nobody reads the queue any more
        } catch (IOException e) {
            aborted = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        try {
            inFlight.put(new Slot(0, null, true, aborted));
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    /** Splits a byte stream into lines without holding more than one line (capped) in memory. */
    static final class LineReader {
        private final InputStream in;
        private final int max;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;
        private boolean eof;
        private byte[] line = new byte[8 * 1024];
        private int len;
        private boolean tooLong;
        private long lineNo;

        LineReader(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        /** Advances to the next line; false at the end of the input. */
        boolean next() throws IOException {
            len = 0;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) {
                        if (!any) return false;
                        break;
                    }
                }
                any = true;
                int start = pos;
                int nl = -1;
                for (int i = pos; i < limit; i++) {
                    if (buf[i] == '\n') { nl = i; break; }
                }
                int end = nl < 0 ? limit : nl;
                append(start, end - start);
                pos = nl < 0 ? limit : nl + 1;
                if (nl >= 0) break;
            }
            lineNo++;
            if (!tooLong && len > 0 && line[len - 1] == '\r') len--;
            if (len > max) {
                tooLong = true;
                len = 0;
            }
            if (lineNo == 1 && !tooLong && len >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
                System.arraycopy(line, 3, line, 0, len - 3);
                len -= 3;
            }
            return true;
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return n > 0 || fill();
        }

        private void append(int from, int n) {
            if (tooLong || n == 0) return;
            // a trailing \r is part of the line ending, not of the content: allow one byte over the cap for it
            if (len + n > max + 1) {
                tooLong = true;
                len = 0;
                return;
            }
            if (len + n > line.length) line = Arrays.copyOf(line, Math.max(len + n, Math.min(2 * line.length, max + 1)));
            System.arraycopy(buf, from, line, len, n);
            len += n;
        }

        long lineNo() { return lineNo; }

        boolean tooLong() { return tooLong; }

        boolean blank() {
            if (tooLong) return false;
            for (int i = 0; i < len; i++) {
                byte b = line[i];
                if (b != ' ' && b != '\t' && b != '\r') return false;
            }
            return true;
        }

        byte[] copy() { return Arrays.copyOf(line, len); }
    }
}
