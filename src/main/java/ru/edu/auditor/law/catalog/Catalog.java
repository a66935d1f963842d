package ru.edu.auditor.law.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.Collectors;
import ru.edu.auditor.law.RuleProblem;

/** The decrees of rules/decrees/*.yaml, in file-name order, checked for the mistakes a rule author can make. */
public final class Catalog {

    private final List<Decree> decrees;
    /** Each decree's catalog file (relative to the rules directory) and where its nodes are, for later checks' problems. */
    private final Map<String, String> files;
    private final Map<String, YamlLocations> locations;

    private Catalog(List<Decree> decrees, Map<String, String> files, Map<String, YamlLocations> locations) {
        this.decrees = List.copyOf(decrees);
        this.files = Map.copyOf(files);
        this.locations = Map.copyOf(locations);
    }

    /** The catalog file of decree {@code id}, relative to the rules directory («decrees/&lt;id&gt;.yaml»). */
    public String file(String id) { return files.getOrDefault(id, "decrees/" + id + ".yaml"); }

    /** The line of the node at {@code pointer} («/clauses/3/parameters/requiredPercent») in decree {@code id}'s catalog; 0 when unknown. */
    public int line(String id, String pointer) {
        YamlLocations at = locations.get(id);
        return at == null ? 0 : at.line(pointer);
    }

    /** The JSON pointer of clause {@code clauseId} of decree {@code id} in its catalog file («/clauses/3»). */
    public String clausePointer(String id, String clauseId) {
        Decree d = decree(id).orElse(null);
        if (d == null) return "";
        for (int i = 0; i < d.clauses().size(); i++) if (d.clauses().get(i).id().equals(clauseId)) return "/clauses/" + i;
        return "";
    }

    public List<Decree> decrees() { return decrees; }

    public Optional<Decree> decree(String id) { return decrees.stream().filter(d -> d.id().equals(id)).findFirst(); }

    /** The catalog, or the problems found while reading it (then {@code catalog} is null). */
    public record Loaded(Catalog catalog, List<RuleProblem> problems) { }

    static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public static Loaded load(Path rulesDir) throws IOException {
        Path dir = rulesDir.resolve("decrees");
        List<RuleProblem> problems = new ArrayList<>();
        List<Decree> decrees = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Loaded(null, List.of(RuleProblem.inFile("decrees/", "нет каталога решений: папка rules/decrees не найдена")));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        ObjectMapper mapper = yaml();
        Set<String> ids = new HashSet<>();
        Map<String, String> fileOf = new HashMap<>();
        Map<String, YamlLocations> locationsOf = new HashMap<>();
        Map<String, String> textOf = new HashMap<>();
        for (Path f : files) {
            String rel = rulesDir.relativize(f).toString().replace('\\', '/');
            Decree d;
            try {
                d = mapper.readValue(f.toFile(), Decree.class);
            } catch (JsonMappingException e) {
                String what = e instanceof UnrecognizedPropertyException u ? "неизвестное поле «" + u.getPropertyName() + "»"
                        : "значение не разбирается (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")";
                int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
                int column = e.getLocation() != null ? e.getLocation().getColumnNr() : 0;
                problems.add(new RuleProblem(rel, line, column, what + " в поле " + path(e)));
                continue;
            } catch (IOException e) {
                problems.add(RuleProblem.inFile(rel, notUtf8(e) ? "файл не в кодировке UTF-8: сохраните его в UTF-8"
                        : "не читается как YAML: " + e.getMessage()));
                continue;
            }
            int before = problems.size();
            YamlLocations at = YamlLocations.of(f);
            problems.addAll(CatalogSchema.check(rel, mapper.readTree(f.toFile()), at));
            if (problems.size() == before) check(rel, d, at, problems);
            if (problems.size() == before) d = CatalogResolver.resolve(rel, d, at, problems);
            if (problems.size() == before) problems.addAll(DecreeText.check(rel, f, d, at));
            if (problems.size() == before) CatalogResolver.checkDeadlineNotes(d, rel, at, problems, false);
            if (problems.size() == before) {
                if (!ids.add(d.id())) problems.add(RuleProblem.inFile(rel, "решение «" + d.id() + "» описано дважды"));
                else {
                    decrees.add(d);
                    fileOf.put(d.id(), rel);
                    locationsOf.put(d.id(), at);
                    String original = DecreeText.original(f, d);
                    if (original != null) textOf.put(d.id(), original);
                }
            }
        }
        if (files.isEmpty()) problems.add(RuleProblem.inFile("decrees/", "в каталоге нет ни одного решения"));
        if (problems.isEmpty()) decrees = Amendments.apply(decrees, fileOf, locationsOf, textOf, problems);
        if (problems.isEmpty()) decrees = CatalogResolver.resolveAcrossDecrees(decrees, fileOf, problems);
        if (problems.isEmpty()) for (Decree d : decrees) CatalogResolver.checkDeadlineNotes(d, fileOf.get(d.id()), locationsOf.get(d.id()), problems, true);
        return new Loaded(problems.isEmpty() ? new Catalog(decrees, fileOf, locationsOf) : null, problems);
    }

    /**
     * What the schema (decree-catalog.schema.json, checked first) cannot say: the id matches the file name, the
     * scope names what its level needs, clause ids are unique, an obligation has an addressee.
     */
    private static void check(String file, Decree d, YamlLocations at, List<RuleProblem> problems) {
        String expectedId = Path.of(file).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!d.id().equals(expectedId)) {
            problems.add(new RuleProblem(file, at.line("/id"), 0, "id «" + d.id() + "» не совпадает с именем файла «" + expectedId + "»"));
        }
        Decree.Scope s = d.scope();
        int scopeLine = at.line("/scope");
        if (s.level().equals("organization") && (s.organization() == null || s.organization().name() == null)) {
            problems.add(new RuleProblem(file, scopeLine, 0, "для scope.level organization нужен scope.organization.name"));
        } else if (s.level().equals("municipality") && s.municipality() == null) {
            problems.add(new RuleProblem(file, scopeLine, 0, "для scope.level municipality нужен scope.municipality"));
        } else if (s.level().equals("region") && s.region() == null) {
            problems.add(new RuleProblem(file, scopeLine, 0, "для scope.level region нужен scope.region"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.clauses().size(); i++) {
            Clause c = d.clauses().get(i);
            int line = at.line("/clauses/" + i);
            if (!seen.add(c.id())) problems.add(new RuleProblem(file, line, 0, "п. " + c.id() + " встречается дважды"));
            if (c.isObligation() && c.orgKinds().isEmpty()) {
                problems.add(new RuleProblem(file, line, 0, "п. " + c.id() + ": обязанность без адресата (orgKinds пуст)"));
            }
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** The YAML reader's reason for bytes that are not UTF-8 (its message names a Java class). */
    private static boolean notUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.CharConversionException || t instanceof java.nio.charset.CharacterCodingException
                    || String.valueOf(t.getMessage()).contains("CharConversionException")) return true;
        }
        return false;
    }
}
