package ru.edu.auditor.service.violations;

import java.time.LocalDate;
import java.util.List;

/**
 * One violation («нарушение») of one clause by one organization, followed from the audit that found it to the audit
 * that showed it fixed: found by the first FAIL (by the date the facts describe) after a time with no open violation
 * of that clause, kept open by every later FAIL, closed by the first later audit that gives PASS, EXEMPT, or
 * NOT_APPLICABLE because the clause (or its decree) lost force. A FAIL after it was closed is a new violation.
 *
 * @param id            stable while the audits it rests on are: organization, decree, clause and the audit that found it
 * @param document      the decree in words («Приказ № 47 от … (id)»)
 * @param foundOn       the date the facts of the finding audit describe; {@code foundBy} that audit's decision id
 * @param lastFailedOn  the latest FAIL of this violation (by date); {@code lastFailedBy} its decision id
 * @param failures      how many audits found the clause failed while it was open
 * @param closedOn      the date of the audit that closed it, {@code closedBy} its decision id, {@code closure} how; null while open
 * @param orders        the remedy orders that named it, in issue order
 * @param dueOn         the date by which the latest order named it to be remedied; null when none did
 * @param overdue       open, and {@code dueOn} passed (before today)
 */
public record Violation(String id, String organizationKey, String organizationName, String organizationKind, String municipality,
                        String region, String decree, String clause, String document, LocalDate foundOn, String foundBy,
                        LocalDate lastFailedOn, String lastFailedBy, int failures, LocalDate closedOn, String closedBy, Closure closure,
                        List<Order> orders, LocalDate dueOn, boolean overdue) {

    public Violation {
        orders = List.copyOf(orders);
    }

    /** What a violation is: open, closed, or open past the date an order set. */
    public enum State {
        OPEN("открыто"), CLOSED("закрыто"), OVERDUE("просрочено");

        private final String words;

        State(String words) { this.words = words; }

        /** The state in Russian words. */
        public String words() { return words; }
    }

    /** How a later audit closed a violation, in the words an auditor reads. */
    public enum Closure {
        /** The clause PASSed: the violation is remedied. */
        FIXED("устранено: пункт выполнен"),
        /** The organization was exempted from the clause. */
        EXEMPT("закрыто: организация освобождена от исполнения пункта"),
        /** The clause (or its whole decree) lost force. */
        REPEALED("закрыто: пункт утратил силу");

        private final String words;

        Closure(String words) { this.words = words; }

        public String words() { return words; }
    }

    /** A remedy order that named this violation: its id («2026-7»), number, issue date and due date. */
    public record Order(String id, int number, LocalDate issuedOn, LocalDate dueOn) { }

    public boolean open() { return closedOn == null; }

    /** The state, overdue first. */
    public State state() { return overdue ? State.OVERDUE : open() ? State.OPEN : State.CLOSED; }

    /** Closed after the date an order set: remedied late. */
    public boolean closedLate() { return closedOn != null && dueOn != null && closedOn.isAfter(dueOn); }
}
