package ru.edu.auditor.law.reference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.facts.MessengerNames;
import ru.edu.auditor.facts.MessengerUse;

/**
 * The reference list of messengers (rules/reference/messengers.yaml): canonical name, owner
 * (foreign / domestic) and the spellings auditors write. A name not in the list resolves to owner "unknown".
 */
public final class MessengerRegistry {
    public static final String FILE = "reference/messengers.yaml";

    /** One entry of the reference list. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Entry(String name, String owner, String ownerEntity, String category, List<String> variants) {
        public List<String> variants() { return variants == null ? List.of() : variants; }
    }

    record Document(List<Entry> messengers) { }

    private final List<Entry> entries;
    private final Map<String, Entry> byKey;

    private MessengerRegistry(List<Entry> entries, Map<String, Entry> byKey) { this.entries = entries; this.byKey = byKey; }

    public List<Entry> entries() { return entries; }

    /** The registry, or the problems that make it unusable (then {@code registry} is null). */
    public record Loaded(MessengerRegistry registry, List<RuleProblem> problems) { }

    public static Loaded load(Path rulesDir) {
        Path file = rulesDir.resolve(FILE);
        Document doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), Document.class);
        } catch (IOException e) {
            return new Loaded(null, List.of(RuleProblem.inFile(FILE, e.getMessage().lines().findFirst().orElse("не читается"))));
        }
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, Entry> byKey = new HashMap<>();
        if (doc == null || doc.messengers() == null || doc.messengers().isEmpty()) problems.add(RuleProblem.inFile(FILE, "список messengers пуст"));
        else for (Entry e : doc.messengers()) {
            if (e.name() == null || !List.of("foreign", "domestic").contains(e.owner())) {
                problems.add(RuleProblem.inFile(FILE, "у «" + e.name() + "» owner должен быть foreign или domestic"));
                continue;
            }
            List<String> keys = new ArrayList<>(e.variants());
            keys.add(e.name());
            for (String v : keys) {
                Entry prev = byKey.putIfAbsent(MessengerNames.normalize(v), e);
                if (prev != null && prev != e) problems.add(RuleProblem.inFile(FILE, "написание «" + v + "» указано и у «" + prev.name() + "», и у «" + e.name() + "»"));
            }
        }
        return problems.isEmpty() ? new Loaded(new MessengerRegistry(List.copyOf(doc.messengers()), Map.copyOf(byKey)), List.of())
                : new Loaded(null, problems);
    }

    public MessengerUse resolve(String reportedName, String purpose) {
        Entry e = byKey.get(MessengerNames.normalize(reportedName));
        if (e == null) return new MessengerUse(reportedName.strip(), reportedName.strip(), "unknown", null, null, purpose);
        return new MessengerUse(reportedName.strip(), e.name(), e.owner(), e.ownerEntity(), e.category(), purpose);
    }
}
