package ru.edu.auditor.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.RuleParameterCheck;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.reference.MessengerRegistry;
import ru.edu.auditor.law.reference.ProductionCalendar;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.ruleapi.Verdicts;

/**
 * One compiled, checked version of the rules directory: the knowledge base, the decree catalog and the
 * messenger reference list. Immutable and shared by all audits; each audit opens its own session.
 */
public final class RuleSet {
    private final Path dir;
    private final String version;
    private final Instant loadedAt;
    private final KieBase kieBase;
    private final Catalog catalog;
    private final MessengerRegistry messengers;
    private ProductionCalendar calendar = ProductionCalendar.weekendsOnly();
    /** The files this rule set was compiled from, as read once when it was loaded (what the archive keeps). */
    private final RulesFiles files;
    /** The decree each verdict rule speaks for (by package and rule name); helper rules are absent. */
    private final Map<String, String> decreeOfRule;
    /** The same, by rule instance: a match hands back the knowledge base's own rule object, so this is the fast path. */
    private final Map<Rule, String> decreeOfRuleInstance;

    private RuleSet(Path dir, RulesFiles files, KieBase kieBase, Catalog catalog, MessengerRegistry messengers) {
        this.dir = dir; this.files = files; this.version = Readings.version(files.version(), Readings.current()); this.loadedAt = Instant.now();
        this.kieBase = kieBase; this.catalog = catalog; this.messengers = messengers;
        Map<String, String> m = new HashMap<>();
        Map<Rule, String> byInstance = new IdentityHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                Object d = r.getMetaData().get("decree");
                if (d != null) {
                    m.put(ruleKey(r), Verdicts.unquote(d));
                    byInstance.put(r, Verdicts.unquote(d));
                }
            }
        }
        this.decreeOfRule = Map.copyOf(m);
        this.decreeOfRuleInstance = Collections.unmodifiableMap(byInstance);
    }

    /** Every rule of the knowledge base with its metadata, by package and name. */
    public List<RuleInfo> rules() {
        List<RuleInfo> out = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                Map<String, Object> meta = r.getMetaData();
                out.add(new RuleInfo(r.getName(), text(meta.get("decree")), text(meta.get("clause")), text(meta.get("reading"))));
            }
        }
        return out;
    }

    private static String text(Object metaValue) { return metaValue == null ? null : Verdicts.unquote(metaValue); }

    /** The decree a rule gives verdicts for ({@code @decree}), or null for a helper rule without one. */
    public String decreeOf(Rule rule) {
        String d = decreeOfRuleInstance.get(rule);
        return d != null ? d : decreeOfRule.get(ruleKey(rule));
    }

    /**
     * The one decree the verdict rules of a DRL package speak for (a decree's own file), or null when they speak for
     * several or none (rules/common): what a failing helper rule of that package can be narrowed to.
     */
    public String decreeOfPackage(String packageName) {
        Set<String> decrees = new HashSet<>();
        for (Map.Entry<Rule, String> e : decreeOfRuleInstance.entrySet()) {
            if (e.getKey().getPackageName().equals(packageName)) decrees.add(e.getValue());
        }
        return decrees.size() == 1 ? decrees.iterator().next() : null;
    }

    private static String ruleKey(Rule r) { return r.getPackageName() + '\u0000' + r.getName(); }

    public Path dir() { return dir; }
    /** The version reports carry: the files' hash and the fingerprint of the readings in Java ({@link Readings}). */
    public String version() { return version; }
    public Instant loadedAt() { return loadedAt; }
    public KieBase kieBase() { return kieBase; }
    public Catalog catalog() { return catalog; }
    public MessengerRegistry messengers() { return messengers; }
    /** The files compiled, read once at load: their hash is the files part of {@link #version()} (the archive's key). */
    public RulesFiles files() { return files; }

    /** The production calendar of rules/reference/ (weekends only when the folder has none). */
    public ProductionCalendar calendar() { return calendar; }

    /** Why a rules directory could not become a rule set: every problem, each with its file (and line). */
    public static final class InvalidRules extends Exception {
        private final List<RuleProblem> problems;

        public InvalidRules(List<RuleProblem> problems) {
            super("Ошибок в правилах: " + problems.size() + "\n  "
                    + String.join("\n  ", problems.stream().map(RuleProblem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<RuleProblem> problems() { return problems; }
    }

    /** Attempts to load a directory that keeps changing while it is compiled (an editor saving file after file). */
    private static final int LOAD_ATTEMPTS = 3;

    /**
     * Compiles and checks {@code dir}; throws with every problem found. The files are read once first (the
     * rule set keeps them, and its version is their hash); should the directory change while it compiles, it is
     * loaded again, so what was compiled is always what the version names.
     */
    public static RuleSet load(Path dir) throws InvalidRules {
        for (int attempt = 1; ; attempt++) {
            RulesFiles files;
            try {
                files = RulesFiles.read(dir);
            } catch (IOException e) {
                throw new InvalidRules(List.of(RuleProblem.inFile(dir.toString(), "не удалось прочитать: " + e.getMessage())));
            }
            RuleSet rs = load(dir, files);
            try {
                if (attempt >= LOAD_ATTEMPTS || versionOf(dir).equals(files.version())) return rs;
            } catch (IOException e) {
                throw new InvalidRules(List.of(RuleProblem.inFile(dir.toString(), "не удалось прочитать: " + e.getMessage())));
            }
        }
    }

    /** Compiles {@code dir}, whose content is {@code files} (read from it just before). */
    static RuleSet load(Path dir, RulesFiles files) throws InvalidRules {
        try {
            List<RuleProblem> problems = new ArrayList<>();
            Catalog.Loaded cat = Catalog.load(dir);
            problems.addAll(cat.problems());
            MessengerRegistry.Loaded reg = MessengerRegistry.load(dir);
            problems.addAll(reg.problems());
            ProductionCalendar.Loaded cal = ProductionCalendar.load(dir);
            problems.addAll(cal.problems());
            RuleCompiler.Result compiled = RuleCompiler.compile(dir);
            problems.addAll(compiled.problems());
            if (compiled.files().isEmpty()) problems.add(RuleProblem.inFile(".", "нет ни одного файла .drl"));
            // the catalog against what the rules read of it: a catalog that loads never fails an audit at run time
            if (cat.catalog() != null) problems.addAll(RuleParameterCheck.check(dir, cat.catalog()));
            if (problems.isEmpty()) problems.addAll(crossCheck(compiled.kieBase(), cat.catalog()));
            if (!problems.isEmpty()) throw new InvalidRules(problems);
            RuleSet rules = new RuleSet(dir, files, compiled.kieBase(), cat.catalog(), reg.registry());
            rules.calendar = cal.calendar();
            // first sessions run here, before the rule set is published (see WarmUp), within the audits' limits
            List<RuleProblem> warmUp = WarmUp.run(rules);
            if (!warmUp.isEmpty()) throw new InvalidRules(warmUp);
            return rules;
        } catch (IOException e) {
            throw new InvalidRules(List.of(RuleProblem.inFile(dir.toString(), "не удалось прочитать: " + e.getMessage())));
        }
    }

    /**
     * Rules must name a catalog clause (@decree and @clause) or a shared reading (@reading) that some clause names;
     * every obligation clause must be judged by a rule of its decree or by the reading its catalog entry names. A clause
     * judged by both gets two verdicts: the report shows that as an error of the rules.
     */
    static List<RuleProblem> crossCheck(KieBase kieBase, Catalog catalog) {
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        Map<String, String> readings = new HashMap<>(); // reading → file of a rule that gives it
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                Object d = r.getMetaData().get("decree");
                Object c = r.getMetaData().get("clause");
                Object reading = r.getMetaData().get("reading");
                String file = ruleFile(r);
                if (reading != null) {
                    if (d != null || c != null) {
                        problems.add(RuleProblem.inFile(file, "правило «" + r.getName() + "»: общее прочтение (@reading) не называет решение и пункт — "
                                + "их называет каталог (reading: у пункта); уберите @decree/@clause"));
                    } else {
                        readings.putIfAbsent(Verdicts.unquote(reading), file);
                    }
                    continue;
                }
                if (d == null && c == null) continue; // helper rules that derive facts give no verdict
                if (d == null || c == null) {
                    problems.add(RuleProblem.inFile(file, "правило «" + r.getName() + "»: нужны обе метки @decree и @clause"));
                    continue;
                }
                String decreeId = Verdicts.unquote(d);
                String clauseId = Verdicts.unquote(c);
                Decree decree = catalog.decree(decreeId).orElse(null);
                if (decree == null) problems.add(RuleProblem.inFile(file, "правило «" + r.getName() + "»: неизвестное решение @decree(\"" + decreeId + "\")"));
                else if (decree.clause(clauseId).isEmpty()) problems.add(RuleProblem.inFile(file, "правило «" + r.getName() + "»: в решении " + decreeId + " нет пункта @clause(\"" + clauseId + "\")"));
                else covered.add(decreeId + "|" + clauseId);
            }
        }
        for (Decree d : catalog.decrees()) {
            for (Clause c : d.clauses()) {
                if (c.reading() != null) {
                    if (readings.containsKey(c.reading())) covered.add(d.id() + "|" + c.id());
                    else problems.add(RuleProblem.inFile(catalogFile(d), "п. " + c.id() + ": прочтение «" + c.reading()
                            + "» (reading) не задано ни одним правилом с @reading(\"" + c.reading() + "\")"));
                }
                if (c.isObligation() && !covered.contains(d.id() + "|" + c.id()) && c.reading() == null) {
                    problems.add(RuleProblem.inFile(catalogFile(d), "обязанность п. " + c.id() + " не проверяется ни одним правилом"));
                }
            }
        }
        return problems;
    }

    private static String catalogFile(Decree d) { return "decrees/" + d.id() + ".yaml"; }

    /** The DRL file a rule came from, relative to the rules directory, where Drools kept it. */
    static String ruleFile(Rule r) {
        if (r instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getResource() != null
                && impl.getResource().getSourcePath() != null) return impl.getResource().getSourcePath();
        return r.getPackageName();
    }

    /** "sha256:" + the first 16 hex digits of a hash over every file's relative path and content. */
    public static String versionOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
