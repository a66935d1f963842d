package ru.edu.auditor.service.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The streaming pipeline itself: line splitting, order, numbering, the in-flight window. */
class BatchPipelineTest {
    static final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterAll
    static void stop() { pool.shutdownNow(); }

    /** Echoes "N:<line>" or "N:too-long" for each line. */
    static final BatchPipeline.LineWork ECHO = (lineNo, bytes, tooLong) -> new BatchPipeline.Done(
            (lineNo + ":" + (tooLong ? "too-long" : new String(bytes, StandardCharsets.UTF_8)) + "\n").getBytes(StandardCharsets.UTF_8),
            tooLong ? BatchPipeline.Kind.INVALID : BatchPipeline.Kind.AUDITED, false);

    static final BatchPipeline.Framing FRAMING = new BatchPipeline.Framing() {
        @Override public byte[] failure(long lineNo, Throwable cause) { return (lineNo + ":failed\n").getBytes(StandardCharsets.UTF_8); }

        @Override public byte[] summary(BatchPipeline.Summary s) { return ("summary " + s + "\n").getBytes(StandardCharsets.UTF_8); }
    };

    static List<String> run(BatchPipeline p, String input, BatchPipeline.LineWork work) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, work, FRAMING);
        return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void blankLinesAreSkippedButCountedAndLineEndsAreHandled() throws IOException {
        BatchPipeline p = new BatchPipeline(pool, 3, 10);
        String input = "\uFEFFfirst\r\n\n  \t\r\nsecond\n0123456789\r\n0123456789X\nno-newline";
        List<String> out = run(p, input, ECHO);
        assertEquals(List.of("1:first", "4:second", "5:0123456789", "6:too-long", "7:no-newline"), out.subList(0, 5));
        assertTrue(out.get(5).startsWith("summary Summary[lines=7, blank=2, audited=4, invalid=1, failed=0, stored=0, aborted=null]"), out.get(5));
    }

    @Test
    void emptyInputGivesOnlyTheSummary() throws IOException {
        List<String> out = run(new BatchPipeline(pool, 2, 10), "", ECHO);
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("lines=0"), out.get(0));
    }

    @Test
    void aVeryLongLineIsSkippedWithoutBeingKeptAndTheNextLineStillCounts() throws IOException {
        String longLine = "x".repeat(200_000);
        List<String> out = run(new BatchPipeline(pool, 2, 1000), "a\n" + longLine + "\nb\n", ECHO);
        assertEquals(List.of("1:a", "2:too-long", "3:b"), out.subList(0, 3));
    }

    @Test
    void recordsComeInInputOrderWhateverOrderTheyFinishIn() throws IOException {
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= 500; i++) in.append("item-").append(i).append('\n');
        BatchPipeline.LineWork slowAndRandom = (lineNo, bytes, tooLong) -> {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ECHO.apply(lineNo, bytes, tooLong);
        };
        List<String> out = run(new BatchPipeline(pool, 8, 100), in.toString(), slowAndRandom);
        for (int i = 1; i <= 500; i++) assertEquals(i + ":item-" + i, out.get(i - 1));
        assertTrue(out.get(500).startsWith("summary"));
    }

    @Test
    void noMoreThanTheWindowIsInFlightSoMemoryStaysFlat() throws IOException {
        int window = 4;
        AtomicLong started = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        BatchPipeline.LineWork counting = (lineNo, bytes, tooLong) -> {
            long ahead = started.incrementAndGet() - written.get();
            worst.accumulateAndGet(ahead, Math::max);
            return ECHO.apply(lineNo, bytes, tooLong);
        };
        OutputStream slowReader = new OutputStream() {
            @Override public void write(int b) { }

            @Override public void write(byte[] b, int off, int len) {
                written.incrementAndGet();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 300; i++) in.append("line\n");
        new BatchPipeline(pool, window, 100).run(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), slowReader, counting, FRAMING);
        // in the window, plus the one being written and the one the reader is handing over
        assertTrue(worst.get() <= window + 2, "lines ahead of the writer: " + worst.get());
    }

    @Test
    void aFailingLineBecomesItsOwnRecordAndTheBatchGoesOn() throws IOException {
        BatchPipeline.LineWork failing = (lineNo, bytes, tooLong) -> {
            if (lineNo == 2) throw new IllegalStateException("boom");
            return ECHO.apply(lineNo, bytes, tooLong);
        };
        List<String> out = run(new BatchPipeline(pool, 2, 100), "a\nb\nc\n", failing);
        assertEquals(List.of("1:a", "2:failed", "3:c"), out.subList(0, 3));
        assertTrue(out.get(3).contains("failed=1"), out.get(3));
    }

    @Test
    void aBrokenInputEndsTheBatchWithTheReasonInTheSummary() throws IOException {
        InputStream broken = new InputStream() {
            final byte[] head = "a\nb\n".getBytes(StandardCharsets.UTF_8);
            int i;

            @Override public int read() throws IOException {
                if (i < head.length) return head[i++];
                throw new IOException("connection reset");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchPipeline.Summary s = new BatchPipeline(pool, 2, 100).run(broken, out, ECHO, FRAMING);
        assertEquals("connection reset", s.aborted());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("1:a\n2:b\n"), out.toString(StandardCharsets.UTF_8));
        BatchPipeline.Summary fine = new BatchPipeline(pool, 2, 100).run(new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), ECHO, FRAMING);
        assertNull(fine.aborted());
    }
}
