package ru.edu.auditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.text.Fmt;

/**
 * The act an auditor signs, built from a stored report: the header, then the decrees that apply (in the report's
 * order, each clause in the decree's own order), then the decrees that do not apply as one short list with their
 * reasons, then the signatures. Every word is Russian: verdicts in words, evidence by {@link EvidenceLabels}; the
 * PDF, the Word file and the printed page all read this one model, so they carry the same text.
 */
public record Act(String title, String organization, String organizationKind, String municipality, String judgedOn,
                  String auditedOn, String auditNumber, String rulesVersion, String overall, List<Decree> applicable,
                  List<NotApplicable> notApplicable, List<Signature> signatures) {

    public record Decree(String document, String title, String verdict, List<Clause> clauses) { }

    public record Clause(String number, String quote, String verdict, String symbol, String explanation, List<Fact> facts,
                         String deadline) { }

    public record Fact(String label, String value) { }

    public record NotApplicable(String document, String reason) { }

    /** One line to sign: who signs, under it the blanks «должность», «подпись», «расшифровка подписи», «дата». */
    public record Signature(String role) { }

    /** The captions under the signature blanks, in their order. */
    public static final List<String> SIGNATURE_BLANKS = List.of("должность", "подпись", "расшифровка подписи", "дата");

    /** The column heads of a decree's clause table, in their order. */
    public static final List<String> COLUMNS = List.of("Пункт", "Вердикт", "Текст пункта, объяснение и сведения", "Срок");

    private static final int QUOTE_LENGTH = 220;

    public static Act of(JsonNode report) {
        JsonNode org = report.path("organization");
        List<Decree> applicable = new ArrayList<>();
        List<NotApplicable> notApplicable = new ArrayList<>();
        for (JsonNode d : report.path("decrees")) {
            String document = document(d);
            if (!d.path("applicable").asBoolean()) {
                notApplicable.add(new NotApplicable(document, reason(text(d, "applicability"))));
                continue;
            }
            List<Clause> clauses = new ArrayList<>();
            for (JsonNode c : d.path("clauses")) clauses.add(clause(c));
            applicable.add(new Decree(document, text(d, "title"), Labels.status(d.path("status").asText()), clauses));
        }
        String kind = text(org, "kind");
        String municipality = text(org, "municipality");
        String region = text(org, "region");
        return new Act("Акт проверки исполнения решений о переходе на «Сферум»", org.path("name").asText("—"),
                kind == null ? null : ru.edu.auditor.law.catalog.OrgKinds.label(kind),
                municipality == null ? "—" : municipality + (region == null ? "" : ", " + region),
                date(report.path("asOf").asText(null)), date(report.path("auditedAt").asText(null)),
                report.path("decisionId").asText("—"), report.path("rulesVersion").asText("—"),
                Labels.status(report.path("status").asText()), applicable, notApplicable,
                List.of(new Signature("Проверку провёл"), new Signature("С актом ознакомлен руководитель организации")));
    }

    /** The file name of the act: «Акт_<организация>_<дата>.<ext>», with the characters no file system takes replaced. */
    public String fileName(String extension) { return fileName("Акт", extension); }

    /** «<что>_<организация>_<дата>.<ext>» — the report's own downloads are «Проверка_…», never the audit's id. */
    public String fileName(String what, String extension) {
        String org = organization.replaceAll("[\\\\/:*?\"<>|«»\\s]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (org.length() > 80) org = org.substring(0, 80);
        return what + "_" + org + "_" + judgedOn + "." + extension;
    }

    private static Clause clause(JsonNode c) {
        String verdict = c.path("status").asText();
        String explanation = explanation(text(c, "explanation"), text(c, "citation"));
        List<Fact> facts = new ArrayList<>();
        c.path("evidence").fields().forEachRemaining(e -> {
            String value = value(e.getValue());
            if (!restates(explanation, value)) facts.add(new Fact(Fmt.capitalized(EvidenceLabels.label(e.getKey())), value));
        });
        String deadline = date(c.path("deadline").asText(null));
        return new Clause(c.path("clause").asText(), quote(text(c, "text")), Labels.verdict(verdict), symbol(verdict),
                explanation, facts, deadline == null ? "—" : "до " + deadline);
    }

    /**
     * The explanation as the act prints it: without the citation of the clause the row already names, and with each
     * field of the facts named in Russian (the rules' «нет сведений» texts give a field's path and its description).
     */
    static String explanation(String explanation, String citation) {
        if (explanation == null) return null;
        String s = explanation;
        if (citation != null) s = s.replace(" (" + citation + ")", "").replace("(" + citation + ")", "");
        return readable(s).strip();
    }

    /** A fact a verdict rests on that the explanation already says word for word is not printed twice. */
    private static boolean restates(String explanation, String value) {
        if (explanation == null) return false;
        boolean any = false;
        for (String part : value.split("[,;] ")) {
            if (part.length() < 4) return false;
            if (!explanation.contains(part)) return false;
            any = true;
        }
        return any;
    }

    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9.])[a-z][A-Za-z0-9]*(?:\\[\\])?(?:\\.[a-z][A-Za-z0-9]*(?:\\[\\])?)*");

    /** Every field path of the facts in {@code text} replaced by its short Russian name; a path's own gloss «(…)» after it dropped. */
    static String readable(String text) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder(text.length());
        java.util.regex.Matcher m = PATH.matcher(text);
        int from = 0;
        while (m.find(from)) {
            String label = fieldLabel(m.group());
            if (label == null) {
                out.append(text, from, m.end());
                from = m.end();
                continue;
            }
            out.append(text, from, m.start()).append(label);
            int end = m.end();
            if (text.startsWith(" (", end)) {
                int depth = 0;
                for (int i = end + 1; i < text.length(); i++) {
                    char ch = text.charAt(i);
                    if (ch == '(') depth++;
                    else if (ch == ')' && --depth == 0) {
                        end = i + 1;
                        break;
                    }
                }
            }
            from = end;
        }
        return out.append(text.substring(from)).toString();
    }

    /** The short Russian name of a field of the facts: its schema description up to the first gloss or clause. */
    static String fieldLabel(String path) {
        String label = EvidenceLabels.field(path);
        if (label != null) return label;
        String d = ru.edu.auditor.facts.FactPaths.describe(path);
        if (d == null) return null;
        String s = d.strip();
        for (String stop : new String[] {" (", "; ", ". ", ": "}) {
            int i = s.indexOf(stop);
            if (i > 0) s = s.substring(0, i);
        }
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        return s.startsWith("«") || s.length() > 1 && Character.isUpperCase(s.charAt(1)) ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** A symbol for each verdict that survives black-and-white print; every one is in the embedded font. */
    public static String symbol(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "PASS" -> "✓";
            case "FAIL" -> "✗";
            case "PENDING" -> "◷";
            case "NO_DATA" -> "?";
            case "MANUAL" -> "✎";
            case "EXEMPT" -> "○";
            case "NOT_APPLICABLE", "INFO" -> "–";
            default -> "!";
        };
    }

    private static String document(JsonNode d) {
        String kind = d.path("kind").asText("");
        String date = date(d.path("date").asText(null));
        return (kind.isEmpty() ? "" : Fmt.capitalized(kind) + " ") + "№ " + d.path("number").asText("") + (date == null ? "" : " от " + date);
    }

    /** The applicability reason in one line: its first sentence. */
    private static String reason(String applicability) {
        if (applicability == null || applicability.isBlank()) return "не распространяется на организацию";
        String s = applicability.strip().replaceFirst("^Не распространяется:\\s*", "");
        s = Fmt.capitalized(s);
        int cut = s.indexOf(". ");
        return cut > 0 ? s.substring(0, cut + 1) : s;
    }

    private static String quote(String text) {
        if (text == null || text.isBlank()) return null;
        String s = text.strip().replaceAll("\\s+", " ");
        if (s.length() <= QUOTE_LENGTH) return "«" + s + "»";
        int cut = s.lastIndexOf(' ', QUOTE_LENGTH);
        return "«" + s.substring(0, cut > QUOTE_LENGTH / 2 ? cut : QUOTE_LENGTH).replaceAll("[,;:]$", "") + "…»";
    }

    private static String value(JsonNode v) {
        if (v.isTextual()) {
            String d = v.asText().length() == 10 ? date(v.asText()) : null;
            if (d != null) return d;
            String field = fieldLabel(v.asText());
            if (field != null) return field;
            // a code the rules give as a value (a group, a role) reads as its Russian name
            return EvidenceLabels.value(readable(v.asText()));
        }
        if (v.isBoolean()) return v.asBoolean() ? "да" : "нет";
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(value(x)));
            return items.isEmpty() ? "нет" : String.join(", ", items);
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.fields().forEachRemaining(e -> items.add(EvidenceLabels.label(e.getKey()) + ": " + value(e.getValue())));
            return items.isEmpty() ? "нет" : String.join("; ", items);
        }
        return v.isNull() || v.isMissingNode() ? "не представлено" : v.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static String date(String iso) {
        if (iso == null || iso.length() < 10) return null;
        try {
            return Fmt.date(LocalDate.parse(iso.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
