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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.Collectors;
import ru.edu.auditor.law.RuleProblem;

/** The decrees of rules/decrees/*.yaml, in file-name order, checked for the mistakes a rule author can make. */
public final class Catalog {
    /** Printed clause numbers: "1", "2.1", "4#2" (a number printed a second time). */
    public static final Pattern CLAUSE_ID = Pattern.compile("^[0-9]+(\\.[0-9]+)*(#[2-9])?$");
    private static final Set<String> ORG_KINDS = Set.of("general", "preschool", "additional", "vocational", "authority");
    private static final Set<String> LEVELS = Set.of("organization", "municipality", "region");

    private final List<Decree> decrees;

    private Catalog(List<Decree> decrees) { this.decrees = List.copyOf(decrees); }

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
                problems.add(RuleProblem.inFile(rel, "не читается как YAML: " + e.getMessage()));
                continue;
            }
            int before = problems.size();
            YamlLocations at = YamlLocations.of(f);
            problems.addAll(CatalogSchema.check(rel, mapper.readTree(f.toFile()), at));
            if (problems.size() == before) check(rel, d, problems);
            if (problems.size() == before) d = CatalogResolver.resolve(rel, d, at, problems);
            if (problems.size() == before) problems.addAll(DecreeText.check(rel, f, d, at));
            if (problems.size() == before) {
                if (!ids.add(d.id())) problems.add(RuleProblem.inFile(rel, "решение «" + d.id() + "» описано дважды"));
                else decrees.add(d);
            }
        }
        if (files.isEmpty()) problems.add(RuleProblem.inFile("decrees/", "в каталоге нет ни одного решения"));
        return new Loaded(problems.isEmpty() ? new Catalog(decrees) : null, problems);
    }

    private static void check(String file, Decree d, List<RuleProblem> problems) {
        String expectedId = Path.of(file).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        require(file, d.id() != null && !d.id().isBlank(), "нет id", problems);
        if (d.id() != null && !d.id().equals(expectedId)) problems.add(RuleProblem.inFile(file, "id «" + d.id() + "» не совпадает с именем файла «" + expectedId + "»"));
        require(file, d.number() != null, "нет номера (number)", problems);
        require(file, d.date() != null, "нет даты (date)", problems);
        require(file, d.title() != null, "нет названия (title)", problems);
        require(file, d.citation() != null, "нет формы ссылки (citation)", problems);
        require(file, d.effective() != null && d.effective().inForceFrom() != null, "не указано, когда решение вступает в силу (effective.inForceFrom)", problems);
        Decree.Scope s = d.scope();
        if (s == null || s.level() == null || !LEVELS.contains(s.level())) {
            problems.add(RuleProblem.inFile(file, "scope.level должен быть одним из " + LEVELS));
        } else if (s.level().equals("organization") && (s.organization() == null || s.organization().name() == null)) {
            problems.add(RuleProblem.inFile(file, "для scope.level organization нужен scope.organization.name"));
        } else if (s.level().equals("municipality") && s.municipality() == null) {
            problems.add(RuleProblem.inFile(file, "для scope.level municipality нужен scope.municipality"));
        } else if (s.level().equals("region") && s.region() == null) {
            problems.add(RuleProblem.inFile(file, "для scope.level region нужен scope.region"));
        }
        if (d.clauses() == null || d.clauses().isEmpty()) {
            problems.add(RuleProblem.inFile(file, "нет пунктов (clauses)"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Clause c : d.clauses()) {
            String where = "п. " + c.id();
            if (c.id() == null || !CLAUSE_ID.matcher(c.id()).matches()) {
                problems.add(RuleProblem.inFile(file, "номер пункта «" + c.id() + "» не разбирается (ожидается 1, 2.1 или 4#2)"));
                continue;
            }
            if (!seen.add(c.id())) problems.add(RuleProblem.inFile(file, where + " встречается дважды"));
            if (c.kind() == null) problems.add(RuleProblem.inFile(file, where + ": не указан вид (kind: obligation | heading | info)"));
            if (c.text() == null || c.text().isBlank()) problems.add(RuleProblem.inFile(file, where + ": нет текста пункта"));
            for (String k : c.orgKinds()) {
                if (!ORG_KINDS.contains(k)) problems.add(RuleProblem.inFile(file, where + ": неизвестный вид организации «" + k + "»"));
            }
            if (c.kind() == ClauseKind.obligation && c.orgKinds().isEmpty()) {
                problems.add(RuleProblem.inFile(file, where + ": обязанность без адресата (orgKinds пуст)"));
            }
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static void require(String file, boolean ok, String message, List<RuleProblem> problems) {
        if (!ok) problems.add(RuleProblem.inFile(file, message));
    }
}
