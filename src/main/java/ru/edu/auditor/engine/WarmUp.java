package ru.edu.auditor.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.text.Fmt;

/**
 * Makes a freshly compiled knowledge base safe to share between threads before anyone else sees it.
 *
 * <p>Why (issue 14, finding 1): Drools defines the classes it generated for a package (rule bodies, consequence
 * and eval invokers, DRL functions) lazily, in {@code org.drools.wiring.dynamic.PackageClassLoader}, on the first
 * session that needs them. That loader is not parallel-capable, so the JVM holds the loader's monitor while it
 * defines a class in it and while it resolves a reference from one of its classes; {@code fastFindClass} holds a
 * per-class-name lock while it calls {@code defineClass}. Two request threads running the first audits of a new
 * rule set can therefore each hold one lock and wait for the other's: thread A holds the name lock of class X and
 * waits in {@code defineClass(X)} for the loader monitor; thread B holds the loader monitor (resolving X from a
 * class already defined) and waits in {@code fastFindClass(X)} for X's name lock. Both wait for ever.
 *
 * <p>The cure: {@link #defineAllClasses} defines every class of every package's store on one thread, right after
 * compiling and before the rule set is published. Afterwards {@code fastFindClass} finds every generated class
 * already loaded and takes no lock; a class not in the store (facts, law, the JDK) is looked up under its name lock
 * without ever waiting for the loader's monitor, so no two locks are held in opposite order. {@link #run} then runs
 * one session per decree and addressed organization kind on sample facts, so whatever else Drools builds on first
 * use (node memories, MVEL accessors) is built once, by this thread, too.
 */
final class WarmUp {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() { }

    /** Defines every class Drools generated for the knowledge base in its package class loaders; returns how many. */
    static int defineAllClasses(KieBase kieBase) {
        int defined = 0;
        for (InternalKnowledgePackage pkg : ((InternalKnowledgeBase) kieBase).getPackagesMap().values()) {
            DialectRuntimeData data = pkg.getDialectRuntimeRegistry().getDialectData("java");
            if (!(data instanceof JavaDialectRuntimeData java)) continue;
            ClassLoader loader = java.getClassLoader();
            for (String resource : java.getStore().keySet().stream().sorted().toList()) {
                if (!resource.endsWith(".class")) continue;
                String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
                try {
                    Class.forName(name, false, loader);
                    defined++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class Drools kept but never uses would fail the same way when asked for; nothing to define
                    log.debug("Generated class {} not defined: {}", name, e.toString());
                }
            }
        }
        return defined;
    }

    /**
     * One session per decree and organization kind its obligations address, on the smallest facts that place an
     * organization where the decree applies (every rule of a fact that is absent fires its no-data verdict). Each runs
     * through {@link RuleRunner}, within the audits' limits ({@link GuardedSession}); a rule that runs away or fails
     * here would do so in audits, so the rule set is refused: the problems name the rule's file and the sample it failed
     * on. Stops at the first such sample.
     */
    static List<RuleProblem> run(RuleSet rules) {
        for (Decree d : rules.catalog().decrees()) {
            for (String kind : d.clauses().stream().filter(Clause::isObligation).flatMap(c -> c.orgKinds().stream()).distinct().toList()) {
                Map<String, Object> org = new LinkedHashMap<>();
                Decree.Scope s = d.scope();
                org.put("name", s.organization() != null ? s.organization().name() : "Образец для прогрева правил");
                org.put("kind", kind);
                if (s.region() != null) org.put("region", s.region());
                org.put("municipality", s.municipality() != null ? s.municipality() : "Образец");
                LocalDate asOf = d.effective().inForceFrom().plusYears(1);
                AuditFacts facts = Json.mapper().convertValue(Map.of("organization", org, "asOf", asOf.toString()), AuditFacts.class);
                GuardedSession.Outcome outcome = RuleRunner.run(facts, rules);
                if (outcome.failures().isEmpty()) continue;
                List<RuleProblem> problems = new ArrayList<>();
                for (GuardedSession.RuleFailure f : outcome.failures()) {
                    log.warn("Warm-up of rules {} on decree {} ({}) failed: {}", rules.version(), d.id(), kind, f.reason());
                    problems.add(RuleProblem.inFile(f.file() != null ? f.file() : "decrees/" + d.id() + ".drl",
                            "пробная проверка (" + d.id() + ", " + OrgKinds.label(kind) + ", на " + Fmt.date(asOf) + "): " + f.reason()));
                }
                return problems;
            }
        }
        return List.of();
    }
}
