package ru.edu.auditor.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.drools.drl.parser.ParserError;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Function;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.ruleapi.RuleInterface;

/** Compiles every *.drl file below a rules directory into one knowledge base, at run time. */
public final class RuleCompiler {
    private RuleCompiler() { }

    /** The knowledge base, or the problems that prevented it. */
    public record Result(KieBase kieBase, List<RuleProblem> problems, List<Path> files) {
        public boolean ok() { return kieBase != null && problems.isEmpty(); }
    }

    public static List<Path> drlFiles(Path rulesDir) throws IOException {
        try (Stream<Path> s = Files.walk(rulesDir)) {
            return s.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** Drools' message in Russian ({@link DroolsMessages}): an unknown name is explained by the rule interface. */
    static String explained(String message) { return DroolsMessages.russian(message); }

    public static Result compile(Path rulesDir) throws IOException {
        List<Path> files = drlFiles(rulesDir);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path f : files) {
            String rel = rulesDir.relativize(f).toString().replace('\\', '/');
            // the rule-author interface: legacy imports read as ru.edu.auditor.ruleapi, names outside it refused
            RuleInterface.Resolved drl = RuleInterface.resolve(Files.readString(f, StandardCharsets.UTF_8));
            for (RuleInterface.Problem p : drl.problems()) problems.add(new RuleProblem(rel, p.line(), p.column(), p.message()));
            // and what it may reach (no I/O, reflection, threads, processes): checked on the text first, with file and line,
            // on a line the interface has not refused already …
            java.util.Set<Integer> refused = new java.util.HashSet<>();
            drl.problems().forEach(p -> refused.add(p.line()));
            List<RuleProblem> reach = RuleAllowList.checkText(rel, drl.text()).stream().filter(p -> !refused.contains(p.line())).toList();
            problems.addAll(reach);
            if (!drl.problems().isEmpty() || !reach.isEmpty()) continue; // Drools would only add English «cannot be resolved» for the same names
            builder.add(ResourceFactory.newByteArrayResource(drl.text().getBytes(StandardCharsets.UTF_8)).setSourcePath(rel), ResourceType.DRL);
        }
        if (!problems.isEmpty() || builder.hasErrors()) {
            for (KnowledgeBuilderError e : builder.getErrors()) {
                String file = e.getResource() != null && e.getResource().getSourcePath() != null ? e.getResource().getSourcePath() : "?";
                int[] lines = e.getLines();
                int line = lines != null && lines.length > 0 ? lines[0] : 0;
                int column = e instanceof ParserError pe ? pe.getCol() + 1 : 0;
                problems.add(new RuleProblem(file, Math.max(line, 0), column, explained(e.getMessage().strip())));
            }
            return new Result(null, problems, files);
        }
        List<InternalKnowledgePackage> packages = builder.getKnowledgePackages().stream().map(p -> (InternalKnowledgePackage) p).toList();
        // … and on the code compiled from it, before any of it runs: whatever the spelling, a name outside the list is refused
        for (InternalKnowledgePackage p : packages) problems.addAll(RuleAllowList.checkCompiled(p, (cls, line, message) -> locate(p, cls, line, message)));
        if (!problems.isEmpty()) return new Result(null, problems, files);
        InternalKnowledgeBase kbase = KnowledgeBaseFactory.newKnowledgeBase();
        kbase.addPackages(packages);
        // before anyone else sees it: define every generated class here, on one thread (see WarmUp for the deadlock this prevents)
        WarmUp.defineAllClasses(kbase);
        return new Result(kbase, problems, files);
    }

    /** The DRL file and the rule or function a generated class was compiled from, for a problem found in its bytecode. */
    private static RuleProblem locate(InternalKnowledgePackage pkg, String className, int line, String message) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        for (org.kie.api.definition.rule.Rule r : pkg.getRules()) {
            if (outer.startsWith("Rule_" + legalName(r.getName())) && r instanceof RuleImpl impl) {
                return new RuleProblem(sourceOf(impl.getResource(), pkg), line, 0, "правило «" + r.getName() + "»: " + message);
            }
        }
        for (Function f : pkg.getFunctions().values()) {
            if (outer.equalsIgnoreCase(f.getName())) {
                return new RuleProblem(sourceOf(f.getResource(), pkg), line, 0, "функция «" + f.getName() + "»: " + message);
            }
        }
        return new RuleProblem(sourceOf(null, pkg), line, 0, message);
    }

    /** The rule name as Drools puts it into a class name: a space becomes «_», another character no Java name may hold «$u<code>$». */
    private static String legalName(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c == ' ') b.append('_');
            else if (Character.isJavaIdentifierPart(c)) b.appendCodePoint(c);
            else b.append("$u").append(c).append('$');
        });
        return b.toString();
    }

    private static String sourceOf(org.kie.api.io.Resource resource, InternalKnowledgePackage pkg) {
        if (resource != null && resource.getSourcePath() != null) return resource.getSourcePath();
        for (org.kie.api.definition.rule.Rule r : pkg.getRules()) {
            if (r instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) return impl.getResource().getSourcePath();
        }
        return pkg.getName();
    }
}
