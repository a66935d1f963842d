package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.stream.Collectors;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.facts.Organization;

/**
 * Whether a decree binds the audited organization on a date, and why. Geographic names are compared
 * after normalisation (case, ё, quotes, legal-form words such as «МР», «муниципальный район», and
 * Russian adjective endings), so «МР «Сергокалинский район»» and «Сергокалинского района» match
 * «Сергокалинский район», while «г. Хасавюрт» does not match «Хасавюртовский район».
 */
public final class Applicability {
    private static final Set<String> PLACE_NOISE = Set.of("мр", "мо", "го", "г", "город", "городской", "округ", "округа",
            "муниципальный", "муниципального", "муниципальное", "образование", "образования",
            "район", "района", "районе", "пгт", "с", "село", "республика", "республики", "область", "области",
            "край", "края", "администрация", "администрации");
    private static final Set<String> ORG_NOISE = Set.of("мкоу", "мбоу", "маоу", "моу", "гбоу", "мкдоу", "мбдоу", "мадоу",
            "мкудо", "мбудо", "мку", "муниципальное", "муниципального", "казенное", "бюджетное",
            "автономное", "общеобразовательное", "учреждение", "организация", "образовательное");

    /** Quotes and punctuation that separate words of a name. */
    private static final Pattern PUNCTUATION = Pattern.compile("[«»\"“”„'().,]");
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s\\-]+");
    private static final Pattern ADJECTIVE_ENDING = Pattern.compile("(ий|ый|ой|ая|ое|ие|ые|ого|его|ому|ему|ом|ем|ую|юю|ой|ей|ых|их|ым|им)$");
    /**
     * Keys of the catalog's own names (decree scopes and their aliases), computed once: every audit compares
     * the audited organization against each of them. The catalog is small, so this stays small.
     */
    private static final Map<String, String> CATALOG_PLACE_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, String> CATALOG_ORG_KEYS = new ConcurrentHashMap<>();
    /**
     * Keys of audited organizations' names and places: each audit asks for them once per decree, and a batch
     * repeats the same few municipalities thousands of times. Bounded: emptied when it grows past the cap.
     */
    private static final int SUBMITTED_KEYS_CAP = 4096;
    private static final Map<String, String> SUBMITTED_PLACE_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, String> SUBMITTED_ORG_KEYS = new ConcurrentHashMap<>();

    private Applicability() { }

    /** The decision for one decree. */
    public record Decision(boolean applicable, String reason) { }

    public static Decision decide(Decree d, Organization org, LocalDate asOf) { return decide(d, org, asOf, null); }

    /**
     * The decision for one decree, for an audit as of {@code asOf} whose facts report the period starting
     * {@code periodEnd} (its last day; null: none). A decree in force on neither day does not apply; one in force only
     * on the period's last day applies to its clauses that judge the period (a week of February judged in March under an
     * order repealed on 01.03), each clause then judged by the law of its own day ({@link Clause#judgedOn}).
     */
    public static Decision decide(Decree d, Organization org, LocalDate asOf, LocalDate periodEnd) {
        Decree.Scope s = d.scope();
        String where = switch (s.level()) {
            case "organization" -> matchesOrganization(s, org) ? null
                    : "приказ издан для одной организации — " + s.organization().name() + "; проверяемая организация «" + org.getName() + "» — другая";
            case "municipality" -> samePlace(s.municipality(), s.municipalityAliases(), org.getMunicipality())
                    && (s.region() == null || org.getRegion() == null || samePlace(s.region(), List.of(), org.getRegion())) ? null
                    : "решение действует в муниципальном образовании «" + s.municipality() + "» (" + s.region() + "); проверяемая организация — «"
                      + org.getMunicipality() + "»" + (org.getRegion() != null ? " (" + org.getRegion() + ")" : "");
            default -> samePlace(s.region(), List.of(), org.getRegion()) ? null
                    : "решение действует в субъекте «" + s.region() + "»; проверяемая организация — «" + org.getRegion() + "»";
        };
        if (where != null) return new Decision(false, "Не распространяется: " + where + ".");
        Decree.Effective e = d.effective();
        boolean forThePeriod = !d.inForceOn(asOf) && periodEnd != null && d.judgesAPeriod() && d.inForceOn(periodEnd);
        if (asOf.isBefore(e.inForceFrom()) && !forThePeriod) {
            return new Decision(false, "Не вступило в силу на " + Fmt.date(asOf) + ": действует с " + Fmt.date(e.inForceFrom()) + ".");
        }
        if (e.inForceUntil() != null && asOf.isAfter(e.inForceUntil()) && !forThePeriod) {
            return new Decision(false, "Утратило силу: действовало по " + Fmt.date(e.inForceUntil()) + " включительно"
                    + (e.repealedBy() != null ? " (" + e.repealedBy() + ")" : "") + "; проверка — на " + Fmt.date(asOf) + ".");
        }
        String kind = org.getKind();
        boolean addressed = d.clauses().stream().anyMatch(c -> c.isObligation() && c.addresses(kind));
        if (!addressed) {
            List<String> addressees = d.clauses().stream().filter(Clause::isObligation).flatMap(c -> c.orgKinds().stream()).distinct()
                    .map(OrgKinds::label).toList();
            // an act whose clauses oblige no one (an amending or repealing act, a statement of purpose) has no addressees to list
            if (addressees.isEmpty()) return new Decision(false, "Решение никого не обязывает: ни один его пункт не содержит обязанности.");
            return new Decision(false, "Ни один пункт не адресован организации вида «" + OrgKinds.label(kind) + "»; адресаты: "
                    + String.join(", ", addressees) + ".");
        }
        String since = e.appliesToRelationsFrom() != null
                ? "действует с " + Fmt.date(e.inForceFrom()) + " и распространяется на правоотношения с " + Fmt.date(e.appliesToRelationsFrom())
                : "действует с " + Fmt.date(e.inForceFrom());
        String scope = switch (s.level()) {
            case "organization" -> "приказ издан для этой организации";
            case "municipality" -> "организация находится в муниципальном образовании «" + s.municipality() + "»";
            default -> "организация находится в субъекте «" + s.region() + "»";
        };
        if (forThePeriod) {
            since = since + (e.inForceUntil() != null ? " по " + Fmt.date(e.inForceUntil()) : "")
                    + "; на " + Fmt.date(asOf) + " не действует, но действовало в конце проверяемого периода (" + Fmt.date(periodEnd)
                    + ") — пункты о периоде проверяются по нему";
        }
        return new Decision(true, "Распространяется: " + scope + "; " + since + ".");
    }

    static boolean matchesOrganization(Decree.Scope s, Organization org) {
        Decree.OrganizationRef ref = s.organization();
        if (org.getId() != null && ref.ids().contains(org.getId())) return true;
        String name = submittedKey(SUBMITTED_ORG_KEYS, org.getName(), false);
        if (name.isEmpty()) return false;
        boolean nameMatches = catalogOrgKey(ref.name()).equals(name) || ref.aliases().stream().anyMatch(a -> catalogOrgKey(a).equals(name));
        boolean municipalityOk = s.municipality() == null || org.getMunicipality() == null
                || samePlace(s.municipality(), s.municipalityAliases(), org.getMunicipality());
        boolean regionOk = s.region() == null || org.getRegion() == null || samePlace(s.region(), List.of(), org.getRegion());
        return nameMatches && municipalityOk && regionOk;
    }

    /** Whether {@code candidate} names the place {@code canonical} (or one of its aliases), after normalisation. */
    public static boolean samePlace(String canonical, List<String> aliases, String candidate) {
        if (candidate == null) return false;
        String key = submittedKey(SUBMITTED_PLACE_KEYS, candidate, true);
        if (key.isEmpty()) return false;
        if (catalogPlaceKey(canonical).equals(key)) return true;
        for (String a : aliases) if (catalogPlaceKey(a).equals(key)) return true;
        return false;
    }

    private static String submittedKey(Map<String, String> cache, String name, boolean place) {
        String key = cache.get(name);
        if (key == null) {
            key = place ? placeKey(name) : orgKey(name);
            if (cache.size() >= SUBMITTED_KEYS_CAP) cache.clear();
            cache.put(name, key);
        }
        return key;
    }

    private static String catalogPlaceKey(String name) { return CATALOG_PLACE_KEYS.computeIfAbsent(name, Applicability::placeKey); }

    private static String catalogOrgKey(String name) { return CATALOG_ORG_KEYS.computeIfAbsent(name, Applicability::orgKey); }

    /** Significant words of a place name, adjective endings cut: «МР «Сергокалинский район»» → «сергокалинск». */
    public static String placeKey(String name) {
        return Arrays.stream(words(name)).filter(w -> !PLACE_NOISE.contains(w)).map(Applicability::stem)
                .collect(Collectors.joining(" "));
    }

    /** Significant words of an organization name: legal-form words dropped, «№ 1» and «№1» alike. */
    public static String orgKey(String name) {
        return Arrays.stream(words(name.replace("№", " № ")))
                .filter(w -> !ORG_NOISE.contains(w)).filter(w -> !w.equals("№")).map(Applicability::stem)
                .collect(Collectors.joining(" "));
    }

    private static String[] words(String s) {
        String clean = PUNCTUATION.matcher(s.toLowerCase(Locale.ROOT).replace('ё', 'е')).replaceAll(" ").trim();
        return clean.isEmpty() ? new String[0] : WORD_BREAK.split(clean);
    }

    private static String stem(String w) {
        return ADJECTIVE_ENDING.matcher(w).replaceFirst("");
    }
}
