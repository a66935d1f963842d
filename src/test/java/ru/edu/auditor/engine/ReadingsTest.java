package ru.edu.auditor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.edu.auditor.TestRules;

/**
 * The rules version names the readings that still live in Java: the version a report carries is the files' hash and a
 * fingerprint of the reading classes, so a jar whose shared checks judge differently reports another version under the
 * same rule files; a class outside the readings (a front end) leaves it alone.
 */
class ReadingsTest {
    static final Path CLASSES = Path.of("target/classes");

    @Test
    void theReportedVersionIsTheFilesAndTheReadingsOfThisJar() throws Exception {
        RuleSet rules = RuleSet.load(TestRules.copy());
        assertEquals(Readings.version(rules.files().version(), Readings.current()), rules.version());
        assertEquals(rules.files().version(), Readings.filesPart(rules.version()));
        assertEquals(Readings.current(), Readings.readingsPart(rules.version()));
        assertEquals(Readings.current(), Readings.fingerprint(CLASSES), "the running readings are those compiled into target/classes");
        // a version from before readings were named is all files
        assertEquals("sha256:0123456789abcdef", Readings.filesPart("sha256:0123456789abcdef"));
        assertNull(Readings.readingsPart("sha256:0123456789abcdef"));
    }

    @Test
    void aChangedReadingChangesTheVersionAndAChangedFrontEndDoesNot(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("classes");
        try (Stream<Path> s = Files.walk(CLASSES)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(CLASSES.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        String files = "sha256:0123456789abcdef";
        assertEquals(Readings.current(), Readings.fingerprint(copy));

        Path frontEnd = copy.resolve("ru/edu/auditor/api/ApiServer.class");
        flipLastByte(frontEnd);
        assertEquals(Readings.current(), Readings.fingerprint(copy), "a front end is no reading");

        Path shares = copy.resolve("ru/edu/auditor/law/checks/GroupShares.class");
        flipLastByte(shares);
        String changed = Readings.fingerprint(copy);
        assertNotEquals(Readings.current(), changed, "a shared check changed in Java is another reading");
        assertNotEquals(Readings.version(files, Readings.current()), Readings.version(files, changed));
        flipLastByte(shares);
        assertEquals(Readings.current(), Readings.fingerprint(copy));

        Path delegate = copy.resolve("ru/edu/auditor/ruleapi/Checks.class");
        Files.delete(delegate);
        assertNotEquals(Readings.current(), Readings.fingerprint(copy), "the rule interface the DRL calls is a reading too");
    }

    private static void flipLastByte(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 1;
        Files.write(f, b);
    }
}
