package ru.edu.auditor.tools.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;

/**
 * The synthetic region, read from the catalog so that every decree in it — a new one included — has organizations it
 * binds, audited around its dates: for a municipality's decree, new organizations of every kind its obligations
 * address (schools, kindergartens, additional education) and the municipality's one education authority when it is
 * addressed; for an organization's own order, that organization under the spellings the catalog gives. Municipality
 * spellings, region, kinds and in-force dates all come from the catalog entry.
 */
final class Region {
    /** Relative weight of a new organization of each kind (a district has many more schools than centres). */
    private static final Map<String, Integer> WEIGHTS = Map.of("general", 8, "preschool", 2, "additional", 1);
    private static final List<String> KIND_ORDER = List.of("general", "preschool", "additional", "authority");
    /** Audits fall from a few days before a decree takes effect to this long after its last deadline. */
    private static final int DAYS_AFTER_LAST_DEADLINE = 75;
    /** Settlement names common to districts across Russia (new organizations are placed in them). */
    static final List<String> SETTLEMENTS = List.of("с. Первомайское", "с. Октябрьское", "с. Садовое", "с. Новое", "с. Заречное",
            "с. Нагорное", "с. Берёзовка", "с. Красное", "с. Советское", "с. Мирное", "с. Комсомольское", "с. Ивановка",
            "д. Никольское", "пос. Лесной", "с. Покровское", "с. Александровка", "с. Каменка", "с. Дубровка", "д. Сосновка", "с. Луговое");
    static final List<String> SCHOOL_FORMS = List.of("СОШ № %d", "ООШ № %d", "Гимназия № %d", "Лицей № %d");
    static final List<String> PRESCHOOL_FORMS = List.of("Детский сад № %d «Солнышко»", "Детский сад № %d «Ласточка»",
            "Детский сад № %d «Радуга»", "Детский сад № %d «Колосок»", "Детский сад № %d «Сказка»", "Детский сад № %d «Берёзка»");
    static final List<String> ADDITIONAL_FORMS = List.of("Дом детского творчества № %d", "Детско-юношеская спортивная школа № %d",
            "Центр дополнительного образования № %d");

    /**
     * One place and kind of organization, with the dates its audits fall on. A profile with {@code settlements}
     * makes a new organization for every document: {@code names} are then forms («СОШ № %d») placed in a settlement;
     * without settlements it is one organization (one id) whose {@code names} are the spellings auditors use.
     */
    record Profile(String decree, String kind, String region, List<String> municipalities, List<String> names,
                   LocalDate inForce, LocalDate auditFrom, LocalDate auditTo, int weight,
                   String legalForm, List<String> settlements, String innPrefix) {
        boolean isNew() { return !settlements.isEmpty(); }
    }

    /** New organizations, picked by weight. */
    final List<Profile> weighted = new ArrayList<>();
    /** Organizations that are always the same one (an order's own school, a municipality's authority), taken in turn. */
    final List<Profile> fixed = new ArrayList<>();

    Region(Catalog catalog) {
        List<Decree> decrees = catalog.decrees().stream().sorted(Comparator.comparing(Decree::id)).toList();
        for (Decree d : decrees) {
            Decree.Scope s = d.scope();
            if (s == null || s.municipality() == null) continue;
            List<String> kinds = d.clauses().stream().filter(Clause::isObligation).flatMap(c -> c.orgKinds().stream()).distinct()
                    .sorted(Comparator.comparingInt(k -> KIND_ORDER.indexOf(k) < 0 ? KIND_ORDER.size() : KIND_ORDER.indexOf(k))).toList();
            List<String> municipalities = new ArrayList<>(List.of(s.municipality()));
            municipalities.addAll(s.municipalityAliases());
            LocalDate inForce = d.effective().inForceFrom();
            LocalDate lastDeadline = d.clauses().stream().map(Clause::deadline).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(inForce);
            LocalDate to = (lastDeadline.isAfter(inForce) ? lastDeadline : inForce).plusDays(DAYS_AFTER_LAST_DEADLINE);
            if (d.effective().inForceUntil() != null && d.effective().inForceUntil().isBefore(to)) to = d.effective().inForceUntil();
            LocalDate from = inForce.minusDays(3);
            String prefix = innPrefix(s);
            boolean municipal = s.organization() == null;
            for (String kind : kinds) {
                if (!municipal) {
                    List<String> names = new ArrayList<>(List.of(s.organization().name()));
                    names.addAll(s.organization().aliases().stream().limit(2).toList());
                    fixed.add(new Profile(d.id(), kind, s.region(), municipalities, names, inForce, from, to, 0, null, List.of(), prefix));
                } else if (kind.equals("authority")) {
                    // one authority per municipality: the same name and id whichever of its decrees the audit falls under
                    fixed.add(new Profile(d.id(), kind, s.region(), List.of(s.municipality()), List.of(authorityName(s)), inForce, from, to, 0,
                            null, List.of(), prefix));
                } else {
                    weighted.add(new Profile(d.id(), kind, s.region(), municipalities, forms(kind), inForce, from, to,
                            WEIGHTS.getOrDefault(kind, 1), legalForm(kind, s.municipality()), SETTLEMENTS, prefix));
                }
            }
        }
        if (weighted.isEmpty()) throw new IllegalArgumentException("the catalog binds no organizations of a municipality: nothing to generate");
    }

    int totalWeight() { return weighted.stream().mapToInt(Profile::weight).sum(); }

    /**
     * The organization a benchmark audits again and again: an order's own school in a municipality whose decree binds
     * it too (so two decrees apply), else the first organization of the region.
     */
    Profile benchmarkSchool() {
        return fixed.stream().filter(p -> !p.kind().equals("authority"))
                .filter(p -> weighted.stream().anyMatch(w -> w.municipalities().get(0).equals(p.municipalities().get(0)) && w.kind().equals(p.kind())))
                .findFirst().orElse(fixed.isEmpty() ? weighted.get(0) : fixed.get(0));
    }

    private static List<String> forms(String kind) {
        return switch (kind) {
            case "preschool" -> PRESCHOOL_FORMS;
            case "additional" -> ADDITIONAL_FORMS;
            default -> SCHOOL_FORMS;
        };
    }

    /** Municipal institutions are state-funded («бюджетные») or run by the municipality («казённые»): one kind per district. */
    private static String legalForm(String kind, String municipality) {
        boolean funded = Math.floorMod(municipality.hashCode(), 2) == 0;
        return switch (kind) {
            case "preschool" -> funded ? "МБДОУ" : "МКДОУ";
            case "additional" -> funded ? "МБУ ДО" : "МКУДО";
            default -> funded ? "МБОУ" : "МКОУ";
        };
    }

    /** The district's education authority, named after the district as the catalog spells it in the genitive when it can. */
    private static String authorityName(Decree.Scope s) {
        String genitive = s.municipalityAliases().stream().filter(a -> a.matches(".*(ого|его) (района|округа|муниципального округа)$"))
                .findFirst().orElse(s.municipality());
        return "Управление образования администрации " + genitive;
    }

    /** The first four digits of the district's ids: from an organization id the catalog gives, else fixed by the district's name. */
    private static String innPrefix(Decree.Scope s) {
        if (s.organization() != null) {
            for (String id : s.organization().ids()) if (id.matches("\\d{10}")) return id.substring(0, 4);
        }
        return String.format("%04d", Math.floorMod(s.municipality().hashCode(), 10_000));
    }
}
