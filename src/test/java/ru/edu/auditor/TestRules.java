package ru.edu.auditor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Scratch copies of the project's rules for tests that edit rules. */
public final class TestRules {
    private TestRules() { }

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
