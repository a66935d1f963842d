package ru.edu.auditor.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.engine.RulesFiles;

/** What a rule author asks of a rules version before it serves: does it load, and what changed against another one. */
public final class RulesService {
    private RulesService() { }

    /** A rules directory that loads: its version, how many decrees its catalog has and how many rules it compiled to. */
    public record Validated(String version, int decrees, int rules) { }

    /** Compiles and checks {@code dir}; every problem found otherwise. */
    public static Validated validate(Path dir) throws RulesRejected {
        RuleSet rs;
        try {
            rs = RuleSet.load(dir);
        } catch (RuleSet.InvalidRules e) {
            throw new RulesRejected(e.problems());
        }
        return new Validated(rs.version(), rs.catalog().decrees().size(), rs.rules().size());
    }

    /** A version named on the command line that cannot be read; the message says why, in Russian. */
    public static final class VersionNotFound extends Exception {
        public VersionNotFound(String message) { super(message); }
    }

    /**
     * What changed from {@code oldSide} to {@code newSide}, each a rules directory or a version {@code sha256:…} kept in
     * the rules archive of the store {@code store} gives (opened only when a side names an archived version).
     */
    public static RulesDiff.Result diff(String oldSide, String newSide, Supplier<StoreServices> store) throws VersionNotFound, IOException {
        RulesFiles before = null;
        RulesFiles after = null;
        StringBuilder missing = new StringBuilder();
        try {
            before = side(oldSide, store);
        } catch (VersionNotFound e) {
            missing.append(e.getMessage());
        }
        try {
            after = side(newSide, store);
        } catch (VersionNotFound e) {
            missing.append(missing.isEmpty() ? "" : "\n").append(e.getMessage());
        }
        if (before == null || after == null) throw new VersionNotFound(missing.toString());
        return RulesDiff.of(before, after);
    }

    private static RulesFiles side(String s, Supplier<StoreServices> store) throws VersionNotFound, IOException {
        if (s.startsWith("sha256:") && !Files.isDirectory(Path.of(s))) {
            StoreServices opened;
            try {
                opened = store.get();
                return opened.archivedRules(s)
                        .orElseThrow(() -> new VersionNotFound("В архиве правил хранилища " + opened.where() + " нет версии " + s + "."));
            } catch (IllegalArgumentException | Replays.Tampered e) {
                throw new VersionNotFound(e.getMessage());
            }
        }
        Path dir = Path.of(s);
        if (!Files.isDirectory(dir)) throw new VersionNotFound("«" + s + "» — не папка правил и не версия sha256:… из архива.");
        return RulesFiles.read(dir);
    }
}
