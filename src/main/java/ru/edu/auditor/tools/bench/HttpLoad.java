package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load on 127.0.0.1: {@code connections} threads, each sending its next request as soon as the
 * previous one is answered, for a fixed time; bodies are taken in turn from a shared list. Connection {@code i}
 * goes to {@code ports[i % ports.length]} (two instances get half the connections each).
 */
final class HttpLoad {
    static final int MAX_REQUESTS = 2_000_000;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String secret;

    HttpLoad(String secret) { this.secret = secret; }

    /** Requests of one or more measuring windows: count, total seconds, sorted latencies (ns), failures. */
    record Result(long requests, double seconds, long[] sortedNanos, long errors) {
        double perSecond() { return requests / seconds; }

        double p50ms() { return sortedNanos.length == 0 ? 0 : sortedNanos[(int) (sortedNanos.length * 0.50)] / 1e6; }

        double p99ms() { return sortedNanos.length == 0 ? 0 : sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * 0.99))] / 1e6; }

        static Result merge(List<Result> parts) {
            long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.sortedNanos())).sorted().toArray();
            return new Result(all.length, parts.stream().mapToDouble(Result::seconds).sum(), all, parts.stream().mapToLong(Result::errors).sum());
        }

        /** This result, when at least one request succeeded (a measurement of nothing is an error, not a zero). */
        Result checked(String what) {
            if (requests == 0) throw new IllegalStateException(what + ": no request succeeded (errors: " + errors + ")");
            return this;
        }

        String describe(String what) {
            return Fmt.format("%s: %,.0f запросов/с, p50 %.2f мс, p99 %.2f мс (%s%s)", what, perSecond(), p50ms(), p99ms(),
                    Plural.count(requests, "запрос", "запроса", "запросов"), errors > 0 ? ", ошибок: " + Fmt.number(errors) : "");
        }
    }

    /** POSTs {@code bodies} in turn to {@code path} for {@code seconds}, keeping {@code connections} requests in flight. */
    Result run(int[] ports, String path, List<byte[]> bodies, int connections, double seconds) throws InterruptedException {
        long from = System.nanoTime();
        long to = from + (long) (seconds * 1e9);
        AtomicLong next = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] errors = new long[connections];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            int id = t;
            URI uri = URI.create("http://127.0.0.1:" + ports[t % ports.length] + path);
            Thread th = new Thread(() -> {
                long[] lat = new long[1 << 14];
                int n = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= to || n >= MAX_REQUESTS / connections) break;
                    byte[] body = bodies.get((int) (next.getAndIncrement() % bodies.size()));
                    HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    int code;
                    try {
                        code = client.send(req, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    } catch (Exception e) {
                        code = -1;
                    }
                    long t1 = System.nanoTime();
                    if (t1 > to) continue;
                    if (code != 200) {
                        errors[id]++;
                        continue;
                    }
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = t1 - t0;
                }
                latencies[id] = lat;
                counts[id] = n;
            }, "bench-load-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        return new Result(total, seconds, all, Arrays.stream(errors).sum());
    }

    /** One POST; the answer's body (for checks, not for timing). */
    HttpResponse<String> post(int port, String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + secret).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postEmpty(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
