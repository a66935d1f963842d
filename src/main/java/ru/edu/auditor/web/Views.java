package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.EvidenceLabels;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.report.OrganizationHistory;
import ru.edu.auditor.report.ReportVerdicts;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/** What the pages show, computed from the services' answers: labels, badges, deadline phrases, chart geometry. */
final class Views {
    private Views() { }

    /** Verdict order for counts and charts. */
    static final List<String> VERDICTS = List.copyOf(Labels.VERDICTS.keySet());

    /**
     * A verdict badge: its text, a symbol that survives black-and-white print, its CSS class. Pages draw the symbol from
     * the CSS class as inline SVG (macros.peb, {@code icon}), never from a font: «⧗» or «✎» are missing from many system
     * fonts; {@code symbol} is the same sign as text, for whatever is not a page.
     */
    record Badge(String code, String label, String symbol, String css) { }

    static Badge badge(String verdict) {
        String symbol = switch (verdict == null ? "" : verdict) {
            case "PASS" -> "✓";
            case "FAIL" -> "✗";
            case "PENDING" -> "⧗";
            case "NO_DATA", "DUE_SINCE_AUDIT" -> "?";
            case "MANUAL" -> "✎";
            case "NOT_APPLICABLE", "INFO" -> "–";
            default -> "!";
        };
        return new Badge(verdict, Labels.verdict(verdict), symbol, "v-" + (verdict == null ? "none" : verdict.toLowerCase().replace('_', '-')));
    }

    static Badge statusBadge(String status) {
        String v = switch (status == null ? "" : status) {
            case "compliant" -> "PASS";
            case "non-compliant" -> "FAIL";
            case "incomplete" -> "NO_DATA";
            case "pending" -> "PENDING";
            case "due-since-audit" -> "DUE_SINCE_AUDIT";
            case "not-applicable" -> "NOT_APPLICABLE";
            default -> "ERROR";
        };
        Badge b = badge(v);
        return new Badge(status, Labels.status(status), b.symbol(), b.css());
    }

    // ------------------------------------------------------------------------------------------- decrees

    record DecreeRow(String id, String document, String issuer, String title, String territory, String kinds, String inForce,
                     int clauses, int obligations) { }

    /** The HTTP status of the page telling that a workbook was refused: 413 too large, 415 a format not read, else 400. */
    static int status(WorkbookRejected.Reason reason) {
        return switch (reason) {
            case TOO_LARGE -> 413;
            case UNSUPPORTED_FORMAT -> 415;
            case UNREADABLE, EXTERNAL_LINKS, NOT_A_FORM -> 400;
        };
    }

    static DecreeRow decreeRow(Decree d) {
        Set<String> kinds = new LinkedHashSet<>();
        for (Clause c : d.clauses()) for (String k : c.orgKinds()) kinds.add(OrgKinds.label(k));
        int obligations = (int) d.clauses().stream().filter(Clause::isObligation).count();
        return new DecreeRow(d.id(), Labels.document(d.kind(), d.number(), d.date()), d.issuer(), d.title(), territory(d),
                kinds.isEmpty() ? "—" : String.join(", ", kinds), inForce(d), d.clauses().size(), obligations);
    }

    static String territory(Decree d) {
        Decree.Scope s = d.scope();
        if (s == null) return "—";
        List<String> parts = new ArrayList<>();
        if (s.organization() != null && s.organization().name() != null) parts.add(s.organization().name());
        if (s.municipality() != null) parts.add(s.municipality());
        if (s.region() != null) parts.add(s.region());
        return parts.isEmpty() ? "—" : String.join(", ", parts);
    }

    static String inForce(Decree d) {
        Decree.Effective e = d.effective();
        if (e == null) return "с " + Fmt.date(d.date());
        String s = "с " + Fmt.date(e.inForceFrom());
        if (e.appliesToRelationsFrom() != null && !e.appliesToRelationsFrom().equals(e.inForceFrom())) {
            s += "; распространяется на отношения с " + Fmt.date(e.appliesToRelationsFrom());
        }
        return s;
    }

    record ParameterView(String name, String value, String quote, String note) { }

    record ClauseView(String id, String anchor, String kind, String addressee, String kinds, String deadline, String deadlineNote,
                      String text, List<ParameterView> parameters, List<String> rules, List<String> fixtures) { }

    /**
     * A clause as the decree page shows it; without {@code internals} (an auditor) the parameters' notes keep only the
     * law's words ({@link #lawOnly}), the rules and fixtures are not passed at all.
     */
    static ClauseView clauseView(Clause c, List<String> rules, List<String> fixtures, boolean internals,
                                 java.util.function.Function<String, String> documentOf) {
        List<ParameterView> params = new ArrayList<>();
        c.parameters().forEach((k, p) -> {
            String from = p.decree() == null ? "" : (internals ? p.decree() : documentOf.apply(p.decree())) + ", ";
            String note = (p.from() != null ? "значение из " + from + "п. " + p.from()
                    + (p.note() != null ? "; " : "") : "") + (p.note() == null ? "" : p.note());
            // a yes/no switch of the rules («любая иностранная — да») says nothing by itself to an auditor: its quote and reading do
            String value = !internals && p.value() instanceof Boolean ? "" : value(p.value());
            params.add(new ParameterView(k, value, p.quote(), internals ? note : lawOnly(note)));
        });
        List<String> kinds = c.orgKinds().stream().map(OrgKinds::label).toList();
        return new ClauseView(c.id(), "c-" + c.id().replaceAll("[^0-9A-Za-z]", "-"), Labels.clauseKind(c.kind().name()), c.addressee(),
                kinds.isEmpty() ? null : String.join(", ", kinds), c.deadline() == null ? null : Fmt.date(c.deadline()), c.deadlineNote(),
                c.text(), params, internals ? rules : List.of(), internals ? fixtures : List.of());
    }

    /** A parenthesis naming a file, a field path or an identifier of the rules («(справочник rules/reference/…, owner: foreign)»). */
    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "\\s*\\([^()]*(?:[A-Za-z][A-Za-z0-9]*[./\\[\\]_:#][A-Za-z0-9]|[a-z][A-Z]|\\bid\\b)[^()]*\\)");

    /**
     * A catalog note as an auditor reads it: parentheses that name the rules' files, fields or ids dropped (they are
     * the rule author's), the law's own words kept; null or empty stays so.
     */
    static String lawOnly(String note) {
        if (note == null) return null;
        String s = INTERNALS.matcher(note).replaceAll("").strip();
        return s.isEmpty() ? null : s;
    }

    private static String value(Object v) {
        if (v == null) return "—";
        if (v instanceof Boolean b) return b ? "да" : "нет";
        if (v instanceof List<?> l) return Fmt.list(l);
        return String.valueOf(v);
    }

    /** A clause text split around a searched phrase, for highlighting it without writing markup into the text. */
    record Hit(String decree, String document, String clause, String anchor, String before, String match, String after) { }

    static Hit hit(Decree d, Clause c, String query) {
        String text = c.text() == null ? "" : c.text();
        int at = fold(text).indexOf(fold(query));
        if (at < 0) return null;
        int from = Math.max(0, at - 120);
        int to = Math.min(text.length(), at + query.length() + 160);
        return new Hit(d.id(), Labels.document(d.kind(), d.number(), d.date()), c.id(), "c-" + c.id().replaceAll("[^0-9A-Za-z]", "-"),
                (from > 0 ? "…" : "") + text.substring(from, at), text.substring(at, at + query.length()),
                text.substring(at + query.length(), to) + (to < text.length() ? "…" : ""));
    }

    /** Case and ё/е folded, length kept (so positions in the folded text are positions in the original). */
    static String fold(String s) { return s.toLowerCase(Locale.ROOT).replace('ё', 'е'); }

    // ------------------------------------------------------------------------------------------- report

    record EvidenceItem(String name, String value) { }

    record ClauseResultView(String clause, String kind, Badge badge, String explanation, String citation, String deadline,
                            String deadlinePhrase, boolean overdue, String deadlineNote, List<EvidenceItem> evidence, String addressee,
                            String text, String rule) { }

    record DecreeResultView(String id, String document, String title, boolean applicable, String applicability, Badge badge,
                            Map<String, Integer> summary, List<ClauseResultView> clauses, int hidden) { }

    static List<DecreeResultView> decrees(JsonNode report, String filter) {
        LocalDate asOf = date(report.path("asOf").asText(null));
        List<DecreeResultView> out = new ArrayList<>();
        for (JsonNode d : report.path("decrees")) {
            List<ClauseResultView> clauses = new ArrayList<>();
            int hidden = 0;
            for (JsonNode c : d.path("clauses")) {
                String verdict = c.path("status").asText();
                if (filter != null && !filter.equals(verdict)) {
                    hidden++;
                    continue;
                }
                LocalDate deadline = date(c.path("deadline").asText(null));
                String phrase = Ru.deadline(deadline, asOf, verdict);
                List<EvidenceItem> evidence = new ArrayList<>();
                c.path("evidence").fields().forEachRemaining(e -> evidence.add(new EvidenceItem(Fmt.capitalized(EvidenceLabels.label(e.getKey())),
                        evidenceValue(e.getValue()))));
                clauses.add(new ClauseResultView(c.path("clause").asText(), Labels.clauseKind(c.path("kind").asText("")), badge(verdict),
                        text(c, "explanation"), text(c, "citation"), deadline == null ? null : Fmt.date(deadline), phrase,
                        phrase != null && phrase.startsWith("просрочено"), text(c, "deadlineNote"), evidence, text(c, "addressee"),
                        text(c, "text"), text(c, "rule")));
            }
            Map<String, Integer> summary = new LinkedHashMap<>();
            d.path("summary").fields().forEachRemaining(e -> summary.put(Labels.verdict(e.getKey()), e.getValue().asInt()));
            out.add(new DecreeResultView(d.path("id").asText(), Labels.document(d.path("kind").asText(""), d.path("number").asText(""),
                    date(d.path("date").asText(null))), text(d, "title"), d.path("applicable").asBoolean(),
                    text(d, "applicability"), statusBadge(d.path("status").asText()), summary, clauses, hidden));
        }
        return out;
    }

    private static String evidenceValue(JsonNode v) {
        if (v.isTextual()) {
            LocalDate d = date(v.asText());
            return d != null && v.asText().length() == 10 ? Fmt.date(d) : EvidenceLabels.value(v.asText());
        }
        if (v.isBoolean()) return v.asBoolean() ? "да" : "нет";
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(evidenceValue(x)));
            return items.isEmpty() ? "нет" : String.join(", ", items);
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.fields().forEachRemaining(e -> items.add(EvidenceLabels.label(e.getKey()) + ": " + evidenceValue(e.getValue())));
            return String.join("; ", items);
        }
        return v.isNull() ? "не представлено" : v.asText();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    static LocalDate date(String iso) {
        if (iso == null || iso.length() < 10) return null;
        try {
            return LocalDate.parse(iso.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------- charts

    /** One bar segment of an SVG chart (coordinates in the chart's own units). */
    record Segment(double x, double y, double width, double height, String css, String title) { }

    record Label(double x, double y, String text, String anchor) { }

    /** An inline SVG chart drawn on the server: segments, axis labels, and its text alternative. */
    record Chart(int width, int height, List<Segment> segments, List<Label> labels, String description, List<Badge> legend) { }

    /** Stacked bars of verdict counts, one bar per audit (oldest left). */
    static Chart history(OrganizationHistory h) {
        int n = h.audits().size();
        int width = 760;
        int height = 260;
        double left = 40;
        double bottom = 210;
        double top = 20;
        double slot = (width - left - 10) / Math.max(1, n);
        double bar = Math.max(2, Math.min(40, slot * 0.7));
        int max = 1;
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (OrganizationHistory.Entry e : h.audits()) {
            Map<String, Integer> c = new LinkedHashMap<>();
            for (ReportVerdicts.DecreeVerdicts dv : e.decrees().values()) for (String v : dv.clauses().values()) c.merge(v, 1, Integer::sum);
            counts.add(c);
            max = Math.max(max, c.values().stream().mapToInt(Integer::intValue).sum());
        }
        List<Segment> segs = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        double scale = (bottom - top) / max;
        int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < n; i++) {
            double x = left + i * slot + (slot - bar) / 2;
            double y = bottom;
            OrganizationHistory.Entry e = h.audits().get(i);
            for (String v : VERDICTS) {
                int k = counts.get(i).getOrDefault(v, 0);
                if (k == 0) continue;
                double hgt = k * scale;
                y -= hgt;
                segs.add(new Segment(round(x), round(y), round(bar), round(hgt), badge(v).css(), Fmt.date(e.asOf()) + ": " + Labels.verdict(v) + " — " + k));
            }
            if (i % labelEvery == 0) labels.add(new Label(round(x + bar / 2), bottom + 16, Fmt.date(e.asOf()), "middle"));
        }
        labels.add(new Label(left - 6, bottom, "0", "end"));
        labels.add(new Label(left - 6, top + 4, String.valueOf(max), "end"));
        OrganizationHistory.Entry last = h.audits().get(n - 1);
        String desc = "Число пунктов по вердиктам в каждой из " + Plural.count(n, "проверки", "проверок", "проверок") + "; последняя — " + Fmt.date(last.asOf()) + ": "
                + describe(counts.get(n - 1)) + ".";
        return new Chart(width, height, segs, labels, desc, legend(counts));
    }

    /** Stacked horizontal bars, one per clause of a decree in a roll-up: organizations at each verdict. */
    static Chart rollup(Rollup.DecreeRollup d) {
        int rows = d.clauses().size();
        int width = 760;
        double left = 70;
        double rowH = 22;
        int height = (int) (rows * rowH + 30);
        int max = 1;
        for (Rollup.ClauseRollup c : d.clauses()) max = Math.max(max, c.counts().values().stream().mapToInt(Integer::intValue).sum());
        double scale = (width - left - 20) / max;
        List<Segment> segs = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Map<String, Integer>> all = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Rollup.ClauseRollup c = d.clauses().get(i);
            all.add(c.counts());
            double y = 10 + i * rowH;
            double x = left;
            for (String v : Labels.ROLLUP_COLUMNS.keySet()) {
                int k = c.counts().getOrDefault(v, 0);
                if (k == 0) continue;
                double w = k * scale;
                segs.add(new Segment(round(x), round(y), round(w), rowH - 6, badge(v).css(), "п. " + c.clause() + ": " + Labels.verdict(v) + " — " + k));
                x += w;
            }
            labels.add(new Label(left - 6, y + rowH - 10, "п. " + c.clause(), "end"));
        }
        String desc = "Число организаций по вердиктам в каждом пункте документа «" + d.document() + "».";
        return new Chart(width, height, segs, labels, desc, legend(all));
    }

    private static List<Badge> legend(List<Map<String, Integer>> counts) {
        Set<String> seen = new LinkedHashSet<>();
        for (Map<String, Integer> c : counts) seen.addAll(c.keySet());
        return Labels.ROLLUP_COLUMNS.keySet().stream().filter(seen::contains).map(Views::badge).toList();
    }

    private static String describe(Map<String, Integer> c) {
        List<String> parts = new ArrayList<>();
        for (String v : VERDICTS) if (c.getOrDefault(v, 0) > 0) parts.add(Labels.verdict(v) + " — " + c.get(v));
        return parts.isEmpty() ? "нет пунктов" : String.join(", ", parts);
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }

    // ------------------------------------------------------------------------------------------- history matrix

    record MatrixRow(String decree, String clause, List<Badge> cells, List<Boolean> changed, boolean first) { }

    /** Clause × audit date: each clause's verdict in each audit, and whether it changed since the audit before. */
    static List<MatrixRow> matrix(OrganizationHistory h) {
        Map<String, List<String>> clauses = new LinkedHashMap<>();
        for (OrganizationHistory.Entry e : h.audits()) {
            e.decrees().forEach((decree, dv) -> {
                List<String> l = clauses.computeIfAbsent(decree, k -> new ArrayList<>());
                for (String c : dv.clauses().keySet()) if (!l.contains(c)) l.add(c);
            });
        }
        List<MatrixRow> rows = new ArrayList<>();
        clauses.forEach((decree, list) -> {
            boolean first = true;
            for (String clause : list) {
                List<Badge> cells = new ArrayList<>();
                List<Boolean> changed = new ArrayList<>();
                String before = null;
                for (OrganizationHistory.Entry e : h.audits()) {
                    ReportVerdicts.DecreeVerdicts dv = e.decrees().get(decree);
                    String v = dv == null ? null : dv.clauses().get(clause);
                    cells.add(v == null ? null : badge(v));
                    changed.add(v != null && before != null && !before.equals(v));
                    if (v != null) before = v;
                }
                rows.add(new MatrixRow(decree, clause, cells, changed, first));
                first = false;
            }
        });
        return rows;
    }
}
