package ru.edu.auditor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rules bundled in the jar, for {@code java -jar decree-auditor.jar serve} started outside the project folder:
 * copied once into a cache folder named by the content hash of the bundled rules —
 * {@code $XDG_CACHE_HOME/decree-auditor/rules/<hash>} or {@code ~/.cache/decree-auditor/rules/<hash>} (or the same
 * under the temporary folder when the home folder cannot be written) — and reused by every later start of the
 * same jar. A copy whose files no longer match the bundle (someone edited them) is replaced; a new jar with other
 * rules gets a folder of its own. Nothing is left in the temporary folder per start.
 */
public final class BundledRules {
    /** Where the rules sit inside the jar (see the {@code bundled-rules} resource in pom.xml). */
    public static final String RESOURCE = "/bundled-rules";

    private BundledRules() { }

    /** The bundled rules as a folder under the user's cache folder; an IOException when there are none in the jar. */
    public static Path extract() throws IOException {
        return extract(defaultCacheBase());
    }

    /** The bundled rules under {@code cacheBase}/rules/&lt;hash&gt;, copied only when not there yet (or changed). */
    public static Path extract(Path cacheBase) throws IOException {
        URL url = BundledRules.class.getResource(RESOURCE);
        if (url == null) throw new IOException("правила не указаны (--rules, AUDITOR_RULES, папка ./rules) и в jar их нет");
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            boolean opened = false;
            try {
                fs = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException e) {
                fs = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            }
            try {
                return extract(fs.getPath(RESOURCE), cacheBase);
            } finally {
                if (opened) fs.close();
            }
        }
        return extract(Path.of(uri), cacheBase);
    }

    /** {@code source} copied to {@code cacheBase}/rules/&lt;hash of source&gt; unless an identical copy is there. */
    static Path extract(Path source, Path cacheBase) throws IOException {
        String hash = hash(source);
        Path rulesRoot = cacheBase.resolve("rules");
        Path target = rulesRoot.resolve(hash);
        if (Files.isDirectory(target) && hash(target).equals(hash)) return target;
        Files.createDirectories(rulesRoot);
        Path fresh = Files.createTempDirectory(rulesRoot, "." + hash + "-");
        try {
            copyTree(source, fresh);
            if (Files.exists(target)) deleteTree(target); // edited or half-written: replaced by the bundle's files
            try {
                Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(fresh, target);
            }
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // another instance put the same rules there a moment ago
        } finally {
            if (Files.exists(fresh)) deleteTree(fresh);
        }
        return target;
    }

    /** {@code $XDG_CACHE_HOME/decree-auditor}, else {@code ~/.cache/decree-auditor}, else under the temporary folder. */
    static Path defaultCacheBase() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        List<Path> candidates = Stream.of(
                xdg == null || xdg.isBlank() ? null : Path.of(xdg, "decree-auditor"),
                Path.of(System.getProperty("user.home"), ".cache", "decree-auditor"),
                Path.of(System.getProperty("java.io.tmpdir"), "decree-auditor-" + System.getProperty("user.name"))).filter(p -> p != null).toList();
        for (Path p : candidates) {
            try {
                Files.createDirectories(p);
                if (Files.isWritable(p)) return p;
            } catch (IOException | SecurityException e) {
                // not usable: try the next
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** A content hash of a folder: every file's relative path and bytes, in path order (16 hex digits). */
    static String hash(Path root) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> root.relativize(p).toString().replace('\\', '/'))).toList();
            for (Path p : files) {
                md.update(root.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(p));
                md.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
