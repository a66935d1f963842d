package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.tools.Tools;

/**
 * The README cannot drift from the product: every file it names exists, every {@code ./auditor} line is a command
 * the auditor accepts and writes only into the git-ignored {@code out/} or {@code target/}, the offline audit it
 * shows runs, its example answer is what the auditor answers for that fixture (verdicts, explanations, order), and
 * docs/history.md asks for the history of the very organization the README audited.
 */
class ReadmeTest {
    static String readme;
    static RuleSet rules;

    @BeforeAll
    static void load() throws Exception {
        readme = Files.readString(Path.of("README.md"));
        rules = RuleSet.load(Path.of("rules"));
    }

    /** The lines of the README's bash blocks (a line ending in a backslash joined with the next). */
    static List<String> shellLines(String markdown) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        StringBuilder pending = new StringBuilder();
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("```")) {
                in = line.startsWith("```bash") && !in;
                continue;
            }
            if (!in) continue;
            String code = line.replaceAll("\\s+#\\s.*$", "").strip();
            if (code.endsWith("\\")) {
                pending.append(code, 0, code.length() - 1).append(' ');
                continue;
            }
            out.add(pending.append(code).toString().strip());
            pending.setLength(0);
        }
        return out;
    }

    /** The words of a shell line, quotes removed (the README's lines use no nested quoting). */
    static List<String> words(String line) {
        List<String> w = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(line);
        while (m.find()) w.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        return w;
    }

    static Path auditedFixture() {
        Matcher m = Pattern.compile("jq \\.facts (fixtures/\\S+\\.json)").matcher(readme);
        assertTrue(m.find(), "the README's example audits a fixture");
        return Path.of(m.group(1));
    }

    @Test
    void everyFileTheDocsNameExists() throws Exception {
        for (Path doc : List.of(Path.of("README.md"), Path.of("docs/history.md"), Path.of("docs/batch.md"))) {
            Matcher m = Pattern.compile("(fixtures/[\\w./-]+\\.(json|xlsx))").matcher(Files.readString(doc));
            int n = 0;
            while (m.find()) {
                n++;
                assertTrue(Files.isRegularFile(Path.of(m.group(1))), doc + " names a file that is not there: " + m.group(1));
            }
            if (doc.toString().equals("README.md")) assertTrue(n >= 2, "the README's examples name real fixtures");
        }
    }

    /** The README's test command is one command a fresh machine can run, and it is exactly what CI runs. */
    @Test
    void theTestCommandIsTheScriptCiRuns() throws Exception {
        String twoCommands = readme.substring(readme.indexOf("## Две команды"), readme.indexOf("## ", readme.indexOf("## Две команды") + 3));
        List<String> lines = shellLines(twoCommands);
        assertEquals(List.of("./auditor serve", "./verify"), lines, "the two commands");
        assertTrue(Files.isExecutable(Path.of("verify")), "./verify is executable");
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("exec ./verify", ci.get(ci.size() - 1), "CI ends by running the README's command");
        assertFalse(ci.stream().anyMatch(l -> l.contains("mvn") || l.contains("apt-get")), "CI does nothing the README's command does not: " + ci);
        assertTrue(twoCommands.contains("chromium-driver") && twoCommands.contains("PostgreSQL"),
                "the README says what ./verify installs and what runs without PostgreSQL");
    }

    @Test
    void everyAuditorLineIsACommandThatWritesOnlyIntoIgnoredFolders() throws Exception {
        List<String> lines = shellLines(readme).stream().filter(l -> l.startsWith("./auditor ")).toList();
        assertTrue(lines.size() >= 8, lines.toString());
        String gitignore = Files.readString(Path.of(".gitignore"));
        assertTrue(gitignore.lines().anyMatch(l -> l.strip().equals("out/")), ".gitignore keeps out/ out of git status");
        for (String line : lines) {
            assertFalse(line.contains("…") || line.contains("FILE") || line.contains("<"), "a placeholder instead of a real example: " + line);
            List<String> args = words(line).subList(1, words(line).size());
            if (args.isEmpty() || args.get(0).equals("bench") || args.get(0).equals("serve")) continue;
            CommandLine cmd = Tools.runs(args.toArray(String[]::new)) ? Tools.commandLine() : App.commandLine(); // as ./auditor chooses
            CommandLine.ParseResult parsed = cmd.parseArgs(args.toArray(String[]::new));
            assertTrue(parsed.hasSubcommand(), line);
            for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
                String a = it.next();
                if ((a.equals("--out") || a.equals("-o")) && it.hasNext()) {
                    String out = it.next();
                    assertTrue(out.startsWith("out/") || out.startsWith("target/"), "an example writes into the repository: " + line);
                }
                if (a.startsWith("fixtures/")) assertTrue(Files.exists(Path.of(a)), "no such file: " + line);
            }
        }
        for (String line : shellLines(readme)) {
            List<String> w = words(line);
            for (int i = 0; i + 1 < w.size(); i++) {
                if (w.get(0).equals("curl") && w.get(i).equals("-o")) {
                    assertTrue(w.get(i + 1).startsWith("out/"), "curl saves into the repository: " + line);
                }
            }
        }
    }

    @Test
    void theOfflineAuditOfTheReadmeRunsAndNamesTheSchool() {
        String line = shellLines(readme).stream().filter(l -> l.startsWith("./auditor audit fixtures/")).findFirst().orElseThrow();
        List<String> args = words(line);
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = App.commandLine().execute(args.subList(1, args.size()).toArray(String[]::new));
        } finally {
            System.setOut(saved);
        }
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, table);
        assertTrue(table.contains("Организация: ") && table.contains("Итого по пунктам: "), table);
    }

    /** The answer the README shows (shortened) is the auditor's answer for the fixture it posts, item by item. */
    @Test
    void theExampleAnswerIsTheRealAnswer() throws Exception {
        Matcher block = Pattern.compile("Ответ \\(сокращён[^)]*\\):\\s*```json\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "the README shows an example answer");
        JsonNode shown = Json.mapper().readTree(block.group(1));
        JsonNode facts = Json.mapper().readTree(auditedFixture().toFile()).path("facts");
        AuditService.Outcome o = new AuditService(new RulesHolder(rules)).audit(facts);
        assertTrue(o.ok(), o.problems().toString());
        AuditReport report = o.report();
        JsonNode real = Json.mapper().valueToTree(report);

        assertTrue(shown.path("rulesVersion").asText().matches("sha256:[0-9a-f]{16}\\+r[0-9a-f]{12}"), shown.path("rulesVersion").asText());
        assertEquals(real.path("asOf"), shown.path("asOf"));
        assertEquals(real.path("status"), shown.path("status"));
        assertEquals(real.path("summary"), shown.path("summary"), "the summary, verdict by verdict");
        assertEquals(Json.mapper().createArrayNode().addAll(fieldNames(real.path("summary"))),
                Json.mapper().createArrayNode().addAll(fieldNames(shown.path("summary"))), "the summary in the auditor's order");
        List<String> realOrder = new ArrayList<>();
        real.path("decrees").forEach(d -> realOrder.add(d.path("id").asText()));
        int last = -1;
        for (JsonNode d : shown.path("decrees")) {
            int at = realOrder.indexOf(d.path("id").asText());
            assertTrue(at > last, "decree " + d.path("id") + " is shown out of the auditor's order " + realOrder);
            last = at;
            JsonNode r = real.path("decrees").get(at);
            for (String field : List.of("applicable", "applicability", "status")) {
                if (d.has(field)) assertEquals(r.path(field), d.path(field), d.path("id") + "." + field);
            }
            int lastClause = -1;
            for (JsonNode c : d.path("clauses")) {
                int ci = -1;
                for (int i = 0; i < r.path("clauses").size(); i++) {
                    if (r.path("clauses").get(i).path("clause").equals(c.path("clause"))) ci = i;
                }
                assertTrue(ci > lastClause, "clause " + c.path("clause") + " of " + d.path("id") + " missing or out of order");
                lastClause = ci;
                JsonNode rc = r.path("clauses").get(ci);
                for (Iterator<String> f = c.fieldNames(); f.hasNext(); ) {
                    String field = f.next();
                    String shownText = c.path(field).isTextual() ? c.path(field).asText() : null;
                    if (shownText != null && shownText.endsWith("…)")) { // shortened: the start is the auditor's
                        String head = shownText.substring(0, shownText.length() - 2);
                        assertTrue(rc.path(field).asText().startsWith(head), field + " of " + c.path("clause") + ": " + rc.path(field));
                    } else {
                        assertEquals(rc.path(field), c.path(field), d.path("id") + " " + c.path("clause").asText() + "." + field);
                    }
                }
            }
        }
    }

    private static List<JsonNode> fieldNames(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(f -> out.add(Json.mapper().getNodeFactory().textNode(f)));
        return out;
    }

    @Test
    void historyDocsAskForTheOrganizationTheReadmeAudited() throws Exception {
        String history = Files.readString(Path.of("docs/history.md"));
        Matcher m = Pattern.compile("/api/v1/organizations/([^/\\s']+)/audits").matcher(history);
        assertTrue(m.find(), "docs/history.md shows an organization's history");
        String key = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        JsonNode facts = Json.mapper().readTree(auditedFixture().toFile()).path("facts");
        AuditReport report = new AuditService(new RulesHolder(rules)).audit(facts).report();
        assertEquals(OrganizationKey.of(report.organization()), key, "the key of the school the README audited");
        assertTrue(history.contains("«" + key + "»"), "the decoded key is spelled out next to the request");
    }
}
