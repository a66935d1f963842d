package ru.edu.auditor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import ru.edu.auditor.law.catalog.Catalog;

/** Scratch copies of the project's rules for tests that edit rules. */
public final class TestRules {
    private TestRules() { }

    /** How many decrees the catalog of ./rules holds: tests derive the decree set from it, never pin it. */
    public static int decreeCount() throws IOException {
        Catalog.Loaded loaded = Catalog.load(Path.of("rules"));
        if (loaded.catalog() == null) throw new IllegalStateException("catalog of ./rules does not load: " + loaded.problems());
        return loaded.catalog().decrees().size();
    }

    /** The sample acts (not official acts: teaching examples of dated law) and their fixtures; never in the live rules. */
    public static final Path SAMPLES = Path.of("src/test/resources/sample-rules");

    /** A fresh copy of ./rules with the sample acts {@code ids} added (their .txt, .yaml and .drl, where they have one). */
    public static Path copyWithSamples(String... ids) throws IOException {
        Path target = copy();
        for (String id : ids) {
            for (String ext : new String[] {".txt", ".yaml", ".drl"}) {
                Path f = SAMPLES.resolve("decrees").resolve(id + ext);
                if (Files.exists(f)) Files.copy(f, target.resolve("decrees").resolve(id + ext));
            }
        }
        return target;
    }

    /** A fresh copy of ./rules in a temporary directory. */
    public static Path copy() throws IOException {
        Path target = Files.createTempDirectory("rules-copy-");
        Path from = Path.of("rules");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest);
            }
        }
        return target;
    }
}
