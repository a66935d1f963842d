package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, finding 7: no command breaks a running server. A copy of the project's {@code ./auditor} runs a server
 * from the packaged jar; then a source file changes and {@code ./auditor validate} — as the rule-author guide says —
 * rebuilds. Maven is a stand-in here that does what the real build does to {@code target/decree-auditor.jar}: rewrites
 * it in place with a different layout (a rebuilt jar). The server must go on serving its style sheet, its OpenAPI
 * document and a workbook download whose classes it has not loaded before, and stop cleanly; and editing a rule file
 * must not rebuild at all (rules are read at run time).
 */
class RebuildUnderServerIT {
    private static final String SECRET = "rebuild-under-server-it-secret";
    @TempDir Path dir;

    @Test
    void aRebuildByTheAuditorScriptLeavesTheRunningServerWhole() throws Exception {
        Path jar = Path.of("target", "decree-auditor.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "package the jar first: " + jar);
        Path project = Files.createDirectories(dir.resolve("project"));
        Path script = project.resolve("auditor");
        Files.copy(Path.of("auditor"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(project.resolve("fixtures")); // none: no class-data archive is recorded in the background
        copyTree(Path.of("rules"), project.resolve("rules"));
        Path source = Files.createDirectories(project.resolve("src/main/java")).resolve("Changed.java");
        Files.writeString(source, "class Changed { }\n");
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Path built = Files.createDirectories(project.resolve("target")).resolve("decree-auditor.jar");
        Files.copy(jar, built);
        FileTime past = FileTime.from(Instant.now().minusSeconds(3600));
        for (Path p : List.of(source, project.resolve("pom.xml"))) Files.setLastModifiedTime(p, past);
        try (Stream<Path> rules = Files.walk(project.resolve("rules"))) {
            for (Path p : rules.toList()) Files.setLastModifiedTime(p, past);
        }

        // the stand-in for `mvn package`: the rebuilt jar written over target/decree-auditor.jar in place (same inode)
        Path rebuilt = dir.resolve("rebuilt.jar");
        reordered(jar, rebuilt);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("mvn-calls");
        Files.writeString(bin.resolve("mvn"), "#!/usr/bin/env bash\necho \"$*\" >> " + calls + "\ncat " + rebuilt + " > target/decree-auditor.jar\n");
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));

        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = command(bin, script, "serve", "--port", String.valueOf(port), "--data", dir.resolve("data").toString(), "--no-watch")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process server = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            PackagedJarIT.waitForHealth(http, base, server, log);
            byte[] css = get(http, base + "/static/app.css");
            byte[] openApi = get(http, base + "/api/v1/openapi.json");

            Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
            Run validate = run(bin, script, "validate");
            assertEquals(0, validate.exit(), validate.output());
            assertEquals(1, Files.readAllLines(calls).size(), "a changed source rebuilds the jar");
            assertEquals(Files.size(rebuilt), Files.size(built), "the stand-in rewrote target/decree-auditor.jar");

            assertArrayEquals(css, get(http, base + "/static/app.css"), "the style sheet after the rebuild");
            assertArrayEquals(openApi, get(http, base + "/api/v1/openapi.json"), "the OpenAPI document after the rebuild");
            byte[] workbook = get(http, base + "/api/v1/templates/organization.xlsx"); // classes loaded for the first time now
            assertTrue(workbook.length > 1000 && workbook[0] == 'P' && workbook[1] == 'K', "a workbook download after the rebuild");

            Path catalog;
            try (Stream<Path> files = Files.list(project.resolve("rules/decrees"))) {
                catalog = files.filter(p -> p.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
            }
            Files.writeString(catalog, Files.readString(catalog) + "\n# a rule author's edit\n");
            Run again = run(bin, script, "validate");
            assertEquals(0, again.exit(), again.output());
            assertEquals(1, Files.readAllLines(calls).size(), "editing rules/ rebuilt the jar: " + Files.readAllLines(calls));
        } finally {
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops");
        }
        String said = Files.readString(log);
        for (String broken : List.of("LOC header", "ClassNotFound", "NoClassDefFound", "ZipException", "Exception")) {
            assertFalse(said.contains(broken), "«" + broken + "» in the server's log:\n" + said);
        }
    }

    record Run(int exit, String output) { }

    private ProcessBuilder command(Path bin, Path script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", bin + ":" + Path.of(System.getProperty("java.home"), "bin") + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("AUDITOR_TOKENS", "it:admin:" + SECRET);
        pb.environment().remove("AUDITOR_DB_URL");
        pb.environment().remove("AUDITOR_RULES");
        return pb;
    }

    private Run run(Path bin, Path script, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "run-", ".log");
        Process p = command(bin, script, args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", args) + " did not end");
        return new Run(p.exitValue(), Files.readString(out));
    }

    private static byte[] get(HttpClient http, String url) throws Exception {
        // bounded: a server whose jar was rewritten under it may never answer (seen: app.css hanging for minutes)
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + SECRET).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), url + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        return r.body();
    }

    /** The same classes and resources in another order, so every entry sits at another offset: what a rebuild produces. */
    private static void reordered(Path from, Path to) throws Exception {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(file)) {
            List<? extends ZipEntry> entries = new ArrayList<>(Collections.list(in.entries()));
            List<ZipEntry> ordered = new ArrayList<>();
            entries.stream().filter(e -> e.getName().startsWith("META-INF/MANIFEST") || e.getName().equals("META-INF/")).forEach(ordered::add);
            List<ZipEntry> rest = new ArrayList<>(entries.stream().filter(e -> !ordered.contains(e)).toList());
            Collections.reverse(rest);
            ordered.addAll(rest);
            for (ZipEntry e : ordered) {
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
