package ru.edu.auditor.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The bench's figures are read by people: Russian number format (2 129; 0,45), counts agreeing with their noun. */
class HttpLoadTest {
    @Test
    void aMeasurementReadsInRussianNumbers() {
        long[] nanos = new long[4258];
        Arrays.fill(nanos, 450_000L);
        nanos[nanos.length - 1] = 1_234_567_000L;
        HttpLoad.Result r = new HttpLoad.Result(4258, 2.0, nanos, 21);
        assertEquals("аудит: 2\u00a0129 запросов/с, p50 0,45 мс, p99 0,45 мс (4\u00a0258 запросов, ошибок: 21)", r.describe("аудит"));
        assertEquals("аудит: 1 запросов/с, p50 0,45 мс, p99 0,45 мс (1 запрос)",
                new HttpLoad.Result(1, 1.0, new long[] {450_000L}, 0).describe("аудит"));
    }
}
