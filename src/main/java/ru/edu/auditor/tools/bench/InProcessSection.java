package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RulesHolder;

/**
 * (a) In process, one thread, per second of its CPU time: {@code AuditService.audit} and {@code Auditor.audit} with
 * the real rules against the engine's floor — the same catalog and reference lists with a rule for every
 * obligation (or shared reading) that never matches ({@code eval(false)}), built here from the rules directory, so the floor loads
 * through the ordinary {@link RuleSet#load} and the product keeps no benchmark-only entry point.
 */
final class InProcessSection implements BenchSection {
    @Override public String id() { return "inproc"; }

    @Override public void run(Bench bench) throws Exception {
        bench.progress.println("(a) аудиты в процессе: правила пяти решений и «пол» движка ...");
        RuleSet full = bench.rules;
        RuleSet floor = RuleSet.load(floorRules(bench));
        ObjectNode doc = bench.docs.template();
        AuditService withRules = new AuditService(new RulesHolder(full));
        AuditService noRules = new AuditService(new RulesHolder(floor));
        if (!withRules.audit(doc).ok()) throw new IllegalStateException("the benchmark document does not validate");
        AuditFacts facts = Json.mapper().treeToValue(doc, AuditFacts.class);
        double warm = bench.options.warmupSeconds;
        double secs = bench.options.seconds;
        double svcFull = bench.cpuRate(() -> withRules.audit(doc), warm, secs);
        double svcFloor = bench.cpuRate(() -> noRules.audit(doc), warm, secs);
        double engFull = bench.cpuRate(() -> Auditor.audit(facts, full), warm, secs);
        double engFloor = bench.cpuRate(() -> Auditor.audit(facts, floor), warm, secs);
        bench.ratio("(a) в процессе, правила / «пол» движка (правила, которые никогда не срабатывают)", Fmt.format(
                "%.2f (%,.0f против %,.0f аудитов в секунду процессорного времени потока; только движок: %.2f — %,.0f против %,.0f)",
                svcFull / svcFloor, svcFull, svcFloor, engFull / engFloor, engFull, engFloor));
        bench.detail(Fmt.format("(a) В процессе, без хранилища, один поток, %,.0f с прогрева + %,.0f с замера на вариант; скорость — на секунду "
                + "процессорного времени потока:", warm, secs));
        bench.detail(Fmt.format("    AuditService.audit (проверка сведений, привязка, правила, отчёт): %,.0f/с (%.3f мс); с «полом»: %,.0f/с (%.3f мс)",
                svcFull, 1000 / svcFull, svcFloor, 1000 / svcFloor));
        bench.detail(Fmt.format("    Auditor.audit (сбор фактов, сессия Drools, отчёт): %,.0f/с (%.3f мс); с «полом»: %,.0f/с (%.3f мс)",
                engFull, 1000 / engFull, engFloor, 1000 / engFloor));
    }

    /**
     * A copy of the rules directory whose DRL files hold one never-matching rule per obligation (per shared reading for
     * the obligations a reading judges) and nothing else.
     */
    static Path floorRules(Bench bench) throws IOException {
        Path dir = bench.work.resolve("floor-rules");
        Bench.copyTree(bench.options.rules, dir);
        List<Path> drls;
        try (Stream<Path> s = Files.walk(dir)) {
            drls = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        String head = "import ru.edu.auditor.facts.*;\nimport ru.edu.auditor.engine.*;\nimport ru.edu.auditor.law.*;\n\nglobal Verdicts out;\n\n";
        for (int i = 0; i < drls.size(); i++) {
            StringBuilder drl = new StringBuilder("package floor" + i + ";\n\n").append(head);
            if (i == 0) {
                int n = 0;
                Set<String> readings = new TreeSet<>();
                for (Decree d : bench.rules.catalog().decrees()) {
                    for (Clause c : d.clauses()) {
                        if (c.reading() != null) readings.add(c.reading()); // judged by a shared reading: one stub for the reading
                        else if (c.isObligation()) stub(drl, ++n, "@decree(\"" + d.id() + "\") @clause(\"" + c.id() + "\")");
                    }
                }
                for (String r : readings) stub(drl, ++n, "@reading(\"" + r + "\")");
            }
            Files.writeString(drls.get(i), drl.toString());
        }
        return dir;
    }

    private static void stub(StringBuilder drl, int n, String labels) {
        drl.append("rule \"floor ").append(n).append("\"\n    ").append(labels).append("\nwhen\n    eval(false)\nthen\nend\n\n");
    }
}
