package ru.edu.auditor.service.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.service.Replays;

/**
 * The hidden entry point of an impact's child JVM ({@link ImpactService} starts it from the server's own jar and
 * class path; it is not a command of the product). Compiles the candidate rules folder named by its one argument —
 * with the same allow-list and warm-up limits as the server — then judges each stored audit sent on standard input
 * and answers on standard output, one JSON object a line:
 * <ul>
 *   <li>first {@code {"compiled": version}} or {@code {"problems": [RuleProblem…]}} (then it exits);</li>
 *   <li>for each line {@code {"id", "facts", "added", "report", "exemptions"}} read, {@code {"id", "report"}} (the
 *       candidate's report, exemptions applied) or {@code {"id", "error"}}.</li>
 * </ul>
 * It reaches no store and no file but the candidate's: everything it judges comes through the pipe. Logs go to
 * standard error, never into the answers.
 */
public final class ImpactChild {
    private ImpactChild() { }

    public static void main(String[] args) throws IOException {
        // the answers own standard output; whatever else prints (a library, a rule) goes to standard error
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ObjectMapper json = Json.mapper();
        RuleSet rules;
        try {
            rules = RuleSet.load(Path.of(args[0]));
        } catch (RuleSet.InvalidRules e) {
            answer(answers, json, Map.of("problems", e.problems()));
            return;
        }
        answer(answers, json, Map.of("compiled", rules.version()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            JsonNode req = json.readTree(line);
            String id = req.path("id").asText();
            ObjectNode out = json.createObjectNode();
            out.put("id", id);
            try {
                List<Exemptions.Exemption> exemptions = json.convertValue(req.path("exemptions"), new TypeReference<List<Exemptions.Exemption>>() { });
                AuditReport report = Replays.audit(req.get("facts"), req.path("added").isNull() ? null : req.path("added").asText(null),
                        req.get("report"), rules, id);
                out.set("report", json.valueToTree(Exemptions.apply(report, exemptions)));
            } catch (RuntimeException e) {
                String ref = UUID.randomUUID().toString();
                System.err.println("impact child: audit " + id + " could not be judged (" + ref + "): " + e);
                out.put("error", e.getClass().getSimpleName() + " (" + ref + ")");
            }
            answer(answers, json, out);
        }
    }

    private static void answer(PrintStream answers, ObjectMapper json, Object value) throws IOException {
        answers.write(json.writeValueAsBytes(value));
        answers.write('\n');
        answers.flush();
    }
}
