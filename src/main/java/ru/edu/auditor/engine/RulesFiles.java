package ru.edu.auditor.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A rules directory as files in memory: relative path ('/'-separated) → content. It hashes to the same version
 * as {@link RuleSet#versionOf(Path)} over the directory it was read from, so an archived copy is named by the
 * version the reports carry. It can be written as a zip (the archive's form) and read back from one, with
 * limits on size, entry count and paths (no absolute path, no "..": nothing is ever written outside a target).
 */
public final class RulesFiles {
    /** Limits on a zip of a rules directory: the compressed size, the number of entries and the unpacked total. */
    public record ZipLimits(long maxZipBytes, int maxEntries, long maxUnpackedBytes) {
        /** A rules directory is about 300 KiB in 20 files; these leave room for many decrees. */
        public static final ZipLimits DEFAULT = new ZipLimits(5L << 20, 2_000, 50L << 20);
    }

    /** A zip that is not an acceptable rules directory; the message is Russian, for the person who sent it. */
    public static final class BadZip extends Exception {
        private final boolean tooLarge;

        public BadZip(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        /** The zip is over a size or count limit (413), rather than malformed (400/422). */
        public boolean tooLarge() { return tooLarge; }
    }

    private final TreeMap<String, byte[]> files;
    private final String version;
    private final String sha256;

    private RulesFiles(TreeMap<String, byte[]> files) {
        this.files = files;
        String[] h = hashes(files);
        this.version = h[0];
        this.sha256 = h[1];
    }

    /** From a map of relative path → content. */
    public static RulesFiles of(Map<String, byte[]> files) {
        TreeMap<String, byte[]> copy = new TreeMap<>(ORDER);
        files.forEach((k, v) -> copy.put(k, v.clone()));
        return new RulesFiles(copy);
    }

    /** Every regular file below {@code dir}, read once. */
    public static RulesFiles read(Path dir) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>(ORDER);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new RulesFiles(files);
    }

    /** Path order as {@code Files.walk(...).sorted()} gives it for one directory: by the path's characters. */
    private static final Comparator<String> ORDER = Comparator.naturalOrder();

    /** The version the reports carry: "sha256:" + 16 hex digits. */
    public String version() { return version; }

    /** The full SHA-256 (64 hex digits) of the same content: the archive's tamper check. */
    public String sha256() { return sha256; }

    public Map<String, byte[]> files() { return Collections.unmodifiableMap(files); }

    public int size() { return files.size(); }

    /** The content of one file as UTF-8 text, or null. */
    public String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Writes the files below {@code target} (which must exist and be empty). */
    public void writeTo(Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = root.resolve(e.getKey()).normalize();
            if (!f.startsWith(root)) throw new IOException("path outside the rules directory: " + e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
    }

    /**
     * Compiles these files into a rule set: they are written to a private temporary directory (the catalog and
     * compiler read a directory), loaded, and the directory removed. The rule set's version is {@link #version()}.
     */
    public RuleSet compile() throws RuleSet.InvalidRules, IOException {
        Path dir = Files.createTempDirectory("auditor-rules-");
        try {
            writeTo(dir);
            return RuleSet.load(dir, this);
        } finally {
            deleteTree(dir);
        }
    }

    /** The files as a zip (deflated entries, in path order, no timestamps that vary). */
    public byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(0);
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a zip of a rules directory within {@code limits}. When every entry shares one top folder (a zip of
     * the folder itself, "my-candidate/decrees/…"), that folder is taken as the rules directory.
     */
    public static RulesFiles unzip(byte[] zip, ZipLimits limits) throws BadZip {
        if (zip.length > limits.maxZipBytes()) {
            throw new BadZip("архив больше допустимых " + limits.maxZipBytes() + " байт", true);
        }
        TreeMap<String, byte[]> files = new TreeMap<>(ORDER);
        long total = 0;
        int entries = 0;
        String current = null;
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            byte[] buf = new byte[16 * 1024];
            while ((e = z.getNextEntry()) != null) {
                current = e.getName();
                if (++entries > limits.maxEntries()) throw new BadZip("в архиве больше " + limits.maxEntries() + " элементов", true);
                String name = e.getName().replace('\\', '/');
                if (e.isDirectory()) continue;
                String problem = badPath(name);
                if (problem != null) throw new BadZip("элемент архива «" + name + "»: " + problem, false);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                int n;
                while ((n = z.read(buf)) > 0) {
                    total += n;
                    if (total > limits.maxUnpackedBytes()) {
                        throw new BadZip("распакованное содержимое архива больше допустимых " + limits.maxUnpackedBytes() + " байт", true);
                    }
                    content.write(buf, 0, n);
                }
                if (files.put(name, content.toByteArray()) != null) throw new BadZip("элемент «" + name + "» повторяется в архиве", false);
            }
        } catch (IOException | IllegalArgumentException ex) {
            // the JDK's reasons («Unexpected end of ZLIB input stream», «invalid distance too far back», a name not in
            // UTF-8) are English and technical: what the author can do about each is the same
            throw new BadZip(current == null ? "файл не читается как zip-архив: он повреждён или это не zip"
                    : "архив повреждён или обрезан: элемент «" + current + "» не распаковывается; упакуйте папку правил заново", false);
        }
        if (files.isEmpty() && entries == 0) throw new BadZip("файл не zip-архив или архив пуст", false);
        if (files.isEmpty()) throw new BadZip("в архиве нет ни одного файла", false);
        for (String name : files.keySet()) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                String folder = name.substring(0, slash);
                if (files.containsKey(folder)) {
                    throw new BadZip("«" + folder + "» в архиве — и файл, и папка (в ней «" + name + "»); одно имя может быть только чем-то одним", false);
                }
            }
        }
        return new RulesFiles(stripCommonFolder(files));
    }

    private static String badPath(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.matches("^[A-Za-z]:.*")) return "абсолютный путь недопустим";
        for (String part : name.split("/")) {
            if (part.equals("..")) return "путь с «..» недопустим (выход за пределы папки правил)";
        }
        if (name.indexOf('\0') >= 0) return "недопустимый символ в имени";
        return null;
    }

    private static TreeMap<String, byte[]> stripCommonFolder(TreeMap<String, byte[]> files) {
        if (files.keySet().stream().anyMatch(k -> k.startsWith("decrees/"))) return files;
        String first = files.firstKey();
        int slash = first.indexOf('/');
        if (slash < 0) return files;
        String prefix = first.substring(0, slash + 1);
        if (!files.keySet().stream().allMatch(k -> k.startsWith(prefix))) return files;
        TreeMap<String, byte[]> out = new TreeMap<>(ORDER);
        files.forEach((k, v) -> out.put(k.substring(prefix.length()), v));
        return out;
    }

    /** Reads back {@link #zip()} (the archive's own form: no limits beyond the entries being plain relative paths). */
    public static RulesFiles fromArchive(byte[] zip) throws IOException {
        try {
            return unzip(zip, new ZipLimits(Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE));
        } catch (BadZip e) {
            throw new IOException(e.getMessage());
        }
    }

    private static String[] hashes(TreeMap<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
                md.update((byte) 0);
            }
            String hex = HexFormat.of().formatHex(md.digest());
            return new String[] {"sha256:" + hex.substring(0, 16), hex};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            Collections.reverse(all);
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
