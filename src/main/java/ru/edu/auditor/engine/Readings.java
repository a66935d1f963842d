package ru.edu.auditor.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The readings that still live in Java and decide verdicts: the rule interface the DRL calls ({@code ruleapi}), the
 * shared checks, deadlines, reference data, catalog resolution (which wording and parameter a period is judged by) and
 * the facts model (e.g. who counts as an active user). A new jar can judge the same facts differently through them, so
 * the version a report carries is «files + readings»: {@code sha256:<files>+r<readings>}, where {@code <readings>} is a
 * hash of these packages' bytecode as this jar holds it. The files part alone keys the rules archive (an archived copy
 * is still checked against it); replay compares the readings part and says when the jar's readings changed.
 */
public final class Readings {
    private Readings() { }

    /** The packages whose classes are readings (each without its subpackages: those are listed themselves). */
    public static final List<String> PACKAGES = List.of(
            "ru.edu.auditor.ruleapi",
            "ru.edu.auditor.law",
            "ru.edu.auditor.law.checks",
            "ru.edu.auditor.law.deadlines",
            "ru.edu.auditor.law.reference",
            "ru.edu.auditor.law.catalog",
            "ru.edu.auditor.facts");

    static final String SEPARATOR = "+r";

    private static volatile String current;

    /** The readings fingerprint of the running jar (12 hex digits), computed once. */
    public static String current() {
        String c = current;
        if (c == null) {
            try {
                c = fingerprint(Path.of(Readings.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | IOException e) {
                throw new IllegalStateException("cannot read the readings' classes", e);
            }
            current = c;
        }
        return c;
    }

    /**
     * A hash of every class file of {@link #PACKAGES} under {@code classes} (a directory of classes or a jar): their
     * paths and bytes, in path order. The same build gives the same fingerprint; a changed reading gives another.
     */
    public static String fingerprint(Path classes) throws IOException {
        List<String> prefixes = PACKAGES.stream().map(p -> p.replace('.', '/') + "/").toList();
        List<Object[]> found = new ArrayList<>();
        if (Files.isDirectory(classes)) {
            try (Stream<Path> s = Files.walk(classes)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(f).toString().replace('\\', '/');
                    if (isReading(name, prefixes)) found.add(new Object[] {name, Files.readAllBytes(f)});
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } else {
            try (JarFile jar = new JarFile(classes.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.isDirectory() || !isReading(e.getName(), prefixes)) continue;
                    try (InputStream in = jar.getInputStream(e)) {
                        found.add(new Object[] {e.getName(), in.readAllBytes()});
                    }
                }
            }
        }
        if (found.isEmpty()) throw new IOException("no reading classes under " + classes);
        found.sort(Comparator.comparing(o -> (String) o[0]));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Object[] o : found) {
                md.update(((String) o[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update((byte[]) o[1]);
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isReading(String name, List<String> prefixes) {
        if (!name.endsWith(".class")) return false;
        for (String p : prefixes) {
            if (name.startsWith(p) && name.indexOf('/', p.length()) < 0) return true;
        }
        return false;
    }

    /** The version a report carries: the files' version and the readings' fingerprint. */
    public static String version(String filesVersion, String readings) { return filesVersion + SEPARATOR + readings; }

    /** The files part of a reported version (the archive's key); a version from before readings were named is all files. */
    public static String filesPart(String version) {
        int i = version == null ? -1 : version.indexOf(SEPARATOR);
        return i < 0 ? version : version.substring(0, i);
    }

    /** The readings part of a reported version, or null for a version from before readings were named. */
    public static String readingsPart(String version) {
        int i = version == null ? -1 : version.indexOf(SEPARATOR);
        return i < 0 ? null : version.substring(i + SEPARATOR.length());
    }
}
