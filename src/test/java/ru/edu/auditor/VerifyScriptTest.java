package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./verify}, the README's test command, on a machine the way a newcomer has it: without the browser and
 * without root it says in Russian what to install and runs no test; with everything in place it runs exactly
 * {@code mvn -B verify} (plus the caller's arguments). Maven, {@code id} and the browser are stand-ins here, so
 * the script is tested without installing anything or starting a second build.
 */
class VerifyScriptTest {
    @TempDir Path dir;

    record Run(int exit, String stderr, Path mvnCalls) { }

    private Path executable(String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private Run run(boolean browserInstalled, String uid, String... args) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("mvn-calls");
        executable("bin/mvn", "echo \"$* | ${AUDITOR_TEST_PG_URL:-}\" >> " + calls);
        executable("bin/id", "echo " + uid);
        Path chromium = browserInstalled ? executable("chromium", "exit 0") : dir.resolve("no-chromium");
        Path driver = browserInstalled ? executable("chromedriver", "exit 0") : dir.resolve("no-chromedriver");
        List<String> command = new java.util.ArrayList<>(List.of("bash", Path.of("verify").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AUDITOR_VERIFY_CHROMIUM", chromium.toString());
        env.put("AUDITOR_VERIFY_CHROMEDRIVER", driver.toString());
        env.put("AUDITOR_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=someone");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path err = dir.resolve("stderr");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "./verify did not end");
        return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), calls);
    }

    @Test
    void withoutTheBrowserAndWithoutRootItSaysWhatToInstallAndRunsNoTest() throws Exception {
        Run r = run(false, "1000");
        assertNotEquals(0, r.exit());
        assertTrue(r.stderr().startsWith("Ошибка: "), r.stderr());
        assertTrue(r.stderr().contains("sudo apt-get install chromium chromium-driver"), r.stderr());
        assertTrue(r.stderr().contains("тесты не запускались"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), "one sentence: " + r.stderr());
        assertFalse(Files.exists(r.mvnCalls()), "no test may start before the missing packages are installed");
    }

    @Test
    void withEverythingInPlaceItRunsMavenVerifyWithTheCallersArgumentsAndTheDatabaseFound() throws Exception {
        Run r = run(true, "1000", "-o", "-Dtest=CliTest");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("-B verify -o -Dtest=CliTest | jdbc:postgresql://127.0.0.1:5432/test?user=someone",
                Files.readString(r.mvnCalls()).strip());
        assertTrue(r.stderr().contains("Тесты хранилища: на SQLite и на PostgreSQL"), r.stderr());
    }
}
