package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.edu.auditor.engine.RuleSet;

/** `java -jar … serve` from another folder: the bundled rules go to one cache folder per rules version, reused by every start. */
class BundledRulesTest {
    @TempDir Path tmp;

    @Test
    void everyStartOfTheSameJarReusesOneFolder() throws Exception {
        Path cache = tmp.resolve("cache");
        Path first = BundledRules.extract(cache);
        Files.setLastModifiedTime(first.resolve("decrees"), FileTime.fromMillis(0));
        Path second = BundledRules.extract(cache);
        assertEquals(first, second);
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(second.resolve("decrees")), "the second start copies nothing");
        try (Stream<Path> s = Files.list(cache.resolve("rules"))) {
            assertEquals(List.of(first), s.toList(), "one folder, no temporary leftovers");
        }
        assertEquals(BundledRules.hash(Path.of("rules")), first.getFileName().toString(), "named by the rules' content");
        assertTrue(RuleSet.load(first).catalog().decrees().size() >= 5, "the copy is a complete rules folder");
    }

    @Test
    void anEditedCopyIsRestoredAndOtherRulesGetAFolderOfTheirOwn() throws Exception {
        Path cache = tmp.resolve("cache");
        Path copy = BundledRules.extract(cache);
        Path drl;
        try (Stream<Path> s = Files.walk(copy)) {
            drl = s.filter(p -> p.toString().endsWith(".drl")).findFirst().orElseThrow();
        }
        String original = Files.readString(drl);
        Files.writeString(drl, "broken");
        assertEquals(copy, BundledRules.extract(cache));
        assertEquals(original, Files.readString(drl), "the bundle's file is back");

        Path other = Files.createDirectories(tmp.resolve("other-rules/decrees"));
        Files.writeString(other.resolve("x.yaml"), "id: x\n");
        Path otherCopy = BundledRules.extract(other.getParent(), cache);
        assertNotEquals(copy, otherCopy);
        assertTrue(Files.isDirectory(copy) && Files.isRegularFile(otherCopy.resolve("decrees/x.yaml")));
    }

    @Test
    void rulesInsideAJarAreCopiedTheSameWay() throws Exception {
        Path jar = tmp.resolve("rules.jar");
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
            Path root = zip.getPath(BundledRules.RESOURCE);
            Files.createDirectories(root.resolve("decrees"));
            Files.writeString(root.resolve("decrees/a.txt"), "текст");
            Path out = BundledRules.extract(root, tmp.resolve("cache"));
            assertEquals("текст", Files.readString(out.resolve("decrees/a.txt")));
            assertEquals(out, BundledRules.extract(root, tmp.resolve("cache")));
        }
    }
}
