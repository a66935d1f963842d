package ru.edu.auditor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * A monitoring round's board: each organization asked, whether it answered (when, by whom, with its report's status),
 * is late (the due date passed without an answer) or has not answered yet; the counts and shares; the round's
 * roll-up by clause over the latest answers. One model for the page, the workbook and the PDF, so all three say the
 * same words.
 */
public record RoundBoard(String roundId, String name, String cadence, String period, LocalDate periodFrom, LocalDate periodTo, LocalDate dueOn,
                         String municipality, boolean closed, LocalDate today, List<Line> lines, List<Rollup.DecreeRollup> rollup) {
    /** Where instants are shown (the decrees' authorities keep Moscow time). */
    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm");

    /** Where an organization stands. */
    public enum State {
        ANSWERED("ответила"), LATE("не ответила, срок истёк"), WAITING("ещё не ответила");

        private final String words;

        State(String words) { this.words = words; }

        public String words() { return words; }
    }

    /**
     * One organization. For an answered one: its latest answer ({@code versions}: how many were given),
     * {@code status} the code of its report's status, {@code onBehalf} an auditor answered for it.
     */
    public record Line(String organizationKey, String name, String kind, State state, Instant answeredAt, String answeredBy, boolean onBehalf,
                       String via, int versions, String decisionId, String status, boolean answeredAfterDue, String contact) {
        /** «соответствует», «не соответствует», …; «—» without an answer. */
        public String statusWords() { return status == null ? "—" : Labels.status(status); }

        /** «05.12.2024 14:30 (мск)», or «—». */
        public String answeredWhen() { return answeredAt == null ? "—" : WHEN.format(answeredAt.atZone(ZONE)); }

        /** «Школа (сама)», «auditor-1 (за организацию)». */
        public String byWords() {
            if (answeredBy == null) return "—";
            return answeredBy + (onBehalf ? " — за организацию" : "");
        }

        /** The state in words, with a late answer and corrections said. */
        public String stateWords() {
            String s = state.words();
            if (state == State.ANSWERED && answeredAfterDue) s += " после срока";
            if (versions > 1) s += ", " + Plural.count(versions - 1, "исправление", "исправления", "исправлений");
            return s;
        }
    }

    public int asked() { return lines.size(); }

    public long count(State s) { return lines.stream().filter(l -> l.state() == s).count(); }

    /** «Ответили 2 из 3 организаций (66,6 %)» and the others alike, one sentence each. */
    public List<String> summary() {
        int n = asked();
        long answered = count(State.ANSWERED), late = count(State.LATE), waiting = count(State.WAITING);
        return List.of(
                Plural.verb(answered, "Ответила", "Ответили") + " " + Fmt.number(answered) + " " + ofAsked(n) + " (" + Fmt.percent(answered, n) + ")",
                "Просрочили ответ: " + Fmt.number(late) + " " + ofAsked(n) + " (" + Fmt.percent(late, n) + ")",
                "Ещё не ответили, срок не истёк: " + Fmt.number(waiting) + " " + ofAsked(n) + " (" + Fmt.percent(waiting, n) + ")");
    }

    /** «из 3 организаций», «из 1 организации». */
    private static String ofAsked(int n) {
        return "из " + Fmt.number(n) + " " + (n % 10 == 1 && n % 100 != 11 ? "организации" : "организаций");
    }

    /** «Мониторинг за неделю 02.12.2024–08.12.2024, ответить до 10.12.2024». */
    public String heading() {
        return name + " — " + period + ", срок ответа " + Fmt.date(dueOn);
    }

    /** The columns of the organizations' table (page, workbook and PDF alike). */
    public static final List<String> LINE_COLUMNS = List.of("№", "Организация", "Вид", "Состояние", "Когда ответила (мск)", "Кто ответил", "Итог проверки");

    /** One organization's row under {@link #LINE_COLUMNS}. */
    public static List<String> cells(int n, Line l) {
        return List.of(String.valueOf(n), l.name(), l.kind(), l.stateWords(), l.answeredWhen(), l.byWords(), l.statusWords());
    }

    /** The columns of the roll-up by clause: the clause, each verdict, how many were checked, the share compliant. */
    public static List<String> rollupColumns() {
        List<String> out = new java.util.ArrayList<>(List.of("Решение", "Пункт"));
        for (String v : ROLLUP_VERDICTS) out.add(Fmt.capitalized(Labels.verdict(v)));
        out.add("Проверено");
        out.add("Выполнено, доля");
        return out;
    }

    /** The verdicts the roll-up's columns count. */
    public static final List<String> ROLLUP_VERDICTS = List.of("PASS", "FAIL", "PENDING", "NO_DATA", "MANUAL", "EXEMPT", "NOT_APPLICABLE");

    /** The roll-up's rows under {@link #rollupColumns()}, obligations only (headings and informational clauses bind nobody). */
    public List<List<String>> rollupRows() {
        List<List<String>> out = new java.util.ArrayList<>();
        for (Rollup.DecreeRollup d : rollup) {
            for (Rollup.ClauseRollup c : d.clauses()) {
                if (!"obligation".equals(c.kind())) continue;
                List<String> row = new java.util.ArrayList<>(List.of(d.document(), "п. " + c.clause()));
                for (String v : ROLLUP_VERDICTS) row.add(String.valueOf(c.counts().getOrDefault(v, 0)));
                row.add(String.valueOf(c.addressed()));
                row.add(c.addressed() == 0 ? "—" : Fmt.share(c.compliant(), c.addressed()));
                out.add(row);
            }
        }
        return out;
    }
}
