package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ru.edu.auditor.facts.Json;

/**
 * (d) {@code serve} as a child process: time from starting the process to the first audit answered, without and
 * with the class-data-sharing archive {@code ./auditor} records; then five rules reloads after an edit of a DRL file.
 * Not in {@code --quick}.
 */
final class StartupSection implements BenchSection {
    private Bench bench;

    @Override public String id() { return "startup"; }

    @Override public boolean quick() { return false; }

    @Override public void run(Bench bench) throws Exception {
        this.bench = bench;
        String secret = bench.secret;
        byte[] body = Json.mapper().writeValueAsBytes(bench.docs.template());
                Path jar = bench.jar;
        Path rules = bench.options.rules;
        bench.progress.println("(d) запуск jar до первого ответа на аудит, перезагрузка правил ...");
        Path rulesCopy = bench.work.resolve("rules-copy");
        Bench.copyTree(rules, rulesCopy);
        // the class-data-sharing archive that ./auditor records after a build, recorded here the same way
        Path doc = bench.work.resolve("school.json");
        Files.write(doc, body);
        Path jsa = bench.work.resolve("decree-auditor.jsa");
        Files.deleteIfExists(jsa);
        recordArchive(bench, jar, rules, doc, jsa);
        double plain = firstAudit(secret, body, rulesCopy, List.of(), "serve-plain.log");
        double cds = Files.isRegularFile(jsa) ? firstAudit(secret, body, rulesCopy, List.of("-XX:SharedArchiveFile=" + jsa), "serve-cds.log") : -1;
        double best = cds > 0 ? Math.min(plain, cds) : plain;
        bench.ratio("(d) от запуска процесса до первого ответа на аудит", Fmt.format(
                "java -jar: %.2f с; с архивом классов (как запускает ./auditor): %s (цель ≤ 5 с — %s)", plain,
                cds > 0 ? Fmt.format("%.2f с", cds) : "архив не записан", best <= 5 ? "выполнена" : "НЕ выполнена"));
        bench.detail(Fmt.format("(d) Запуск сервера (serve, правила из папки, --no-watch) до первого ответа 200 на POST /api/v1/audits: "
                + "java -jar %s — %.2f с; java -XX:SharedArchiveFile=… -jar — %s.", bench.jar.getFileName(), plain,
                cds > 0 ? Fmt.format("%.2f с", cds) : "архив не записан"));
        int port = Bench.freePort();
        Process p = startServe(secret, rulesCopy, port, List.of(), "serve-reload.log");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        try {
            awaitFirstAudit(client, secret, body, port, p, System.nanoTime(), "serve-reload.log");
            List<Long> server = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            Path drl;
            try (Stream<Path> s = Files.list(rulesCopy.resolve("decrees"))) {
                drl = s.filter(f -> f.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
            }
            for (int i = 1; i <= 5; i++) {
                Files.writeString(drl, "\n// bench reload " + i + "\n", StandardOpenOption.APPEND);
                long r0 = System.nanoTime();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/rules/reload"))
                        .header("Authorization", "Bearer " + secret).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                wall.add((System.nanoTime() - r0) / 1e6);
                JsonNode attempt = Json.mapper().readTree(r.body()).path("lastAttempt");
                if (r.statusCode() != 200 || !"loaded".equals(attempt.path("outcome").asText())) throw new IllegalStateException("reload failed: " + r.body());
                server.add(attempt.path("millis").asLong());
            }
            List<Double> sortedWall = new ArrayList<>(wall);
            sortedWall.sort(null);
            bench.ratio("(d) перезагрузка правил (POST /api/v1/rules/reload)", Fmt.format("первая %,.0f мс, медиана из 5 — %,.0f мс",
                    wall.get(0), sortedWall.get(2)));
            bench.detail(Fmt.format("    Перезагрузка правил после правки .drl, 5 раз подряд: по часам клиента %s мс; по замеру сервера (компиляция и проверка) %s мс.",
                    wall.stream().map(w -> Fmt.format("%,.0f", w)).toList(), server));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A static class-data-sharing archive, recorded as {@code ./auditor} records it: the classes one offline audit loads
     * are listed, the list is dumped without its {@code @lambda-proxy} lines (this JDK 17 crashes archiving the rules
     * engine's lambda proxies with {@code -XX:ArchiveClassesAtExit}). Run in the work folder, so a crash report lands
     * there; no archive when a step fails (the line then says so).
     */
    private static void recordArchive(Bench bench, Path jar, Path rules, Path doc, Path jsa) throws Exception {
        // the children run in the work folder, so every path they are given is absolute (--work may be relative)
        Path work = bench.work.toAbsolutePath();
        Path list = work.resolve("cds-classes.txt");
        Path staticList = work.resolve("cds-classes-static.txt");
        Path log = work.resolve("cds-training.log");
        Process training = new ProcessBuilder(Bench.javaBin(), "-XX:DumpLoadedClassList=" + list, "-jar", jar.toAbsolutePath().toString(), "audit",
                doc.toAbsolutePath().toString(), "--rules", rules.toAbsolutePath().toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!training.waitFor(120, TimeUnit.SECONDS) || !Files.isRegularFile(list)) {
            training.destroyForcibly();
            return;
        }
        try (var lines = Files.lines(list)) {
            Files.write(staticList, lines.filter(l -> !l.startsWith("@lambda")).toList());
        }
        Process dump = new ProcessBuilder(Bench.javaBin(), "-Xshare:dump", "-XX:SharedClassListFile=" + staticList,
                "-XX:SharedArchiveFile=" + jsa.toAbsolutePath(), "-cp", jar.toAbsolutePath().toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!dump.waitFor(120, TimeUnit.SECONDS)) dump.destroyForcibly();
    }

    /** Seconds from starting a fresh {@code serve} process to its first answered audit. */
    private double firstAudit(String secret, byte[] body, Path rulesDir, List<String> jvmOptions, String log) throws Exception {
        int port = Bench.freePort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long t0 = System.nanoTime();
        Process p = startServe(secret, rulesDir, port, jvmOptions, log);
        try {
            return awaitFirstAudit(client, secret, body, port, p, t0, log);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startServe(String secret, Path rulesDir, int port, List<String> jvmOptions, String log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Bench.javaBin()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", bench.jar.toString(), "serve", "--port", String.valueOf(port), "--rules", rulesDir.toAbsolutePath().toString(),
                "--data", bench.work.resolve("data").toString(), "--no-watch"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AUDITOR_TOKENS", "bench:admin:" + secret);
        pb.redirectErrorStream(true).redirectOutput(bench.work.resolve(log).toFile());
        return pb.start();
    }

    private double awaitFirstAudit(HttpClient client, String secret, byte[] body, int port, Process p, long t0, String log) throws Exception {
        HttpRequest audit = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/audits")).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<String> r = client.send(audit, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return (System.nanoTime() - t0) / 1e9;
            } catch (ConnectException notYet) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("the server answered no audit; see " + bench.work.resolve(log));
    }

}
