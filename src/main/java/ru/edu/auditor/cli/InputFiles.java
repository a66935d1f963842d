package ru.edu.auditor.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The files a command reads and writes, and what to tell the user (in Russian) when one is not there. */
public final class InputFiles {
    private InputFiles() { }

    /** Why {@code file} cannot be read as an input file («файл не найден: …»), or null when it can be. */
    public static String missing(Path file) {
        if (Files.isDirectory(file)) return "это папка, а не файл: " + file;
        if (!Files.exists(file)) return "файл не найден: " + file.toAbsolutePath().normalize();
        if (!Files.isReadable(file)) return "нет доступа к файлу: " + file;
        return null;
    }

    /** An output file: its missing parent folders are created (README examples write into ./out). */
    public static Path outputFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return file;
    }

    /** The reason of a read or write failure in Russian (the JDK's own messages are English or just a path). */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException f) return "файл или папка не найдены: " + f.getFile();
        if (e instanceof AccessDeniedException f) return "нет доступа: " + f.getFile();
        String m = e.getMessage();
        return m == null ? "нет подробностей" : m;
    }
}
