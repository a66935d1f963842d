package ru.edu.auditor.ruleapi;

import java.util.Collection;
import java.util.List;
import ru.edu.auditor.facts.ResponsiblePerson;

/** The persons a decree appoints, named by it or not (rule-author interface; the reading is {@code law.checks.NamedAppointeeChecks}). */
public final class NamedAppointeeChecks {
    private NamedAppointeeChecks() { }

    public static Judgement namedResponsible(Collection<ResponsiblePerson> people, List<String> areas, String surname, String namedAs) {
        return Judgement.of(ru.edu.auditor.law.checks.NamedAppointeeChecks.namedResponsible(people, areas, surname, namedAs));
    }

    /** The same where the decree names the role it appoints to ({@code role}; null: none). */
    public static Judgement namedResponsible(Collection<ResponsiblePerson> people, List<String> areas, String surname, String namedAs, String role) {
        return Judgement.of(ru.edu.auditor.law.checks.NamedAppointeeChecks.namedResponsible(people, areas, surname, namedAs, role));
    }

    /** Responsible persons for each of {@code areas}, not named by the decree; {@code role}: the role it appoints to (null: none). */
    public static Judgement appointed(Collection<ResponsiblePerson> people, List<String> areas, String role) {
        return Judgement.of(ru.edu.auditor.law.checks.NamedAppointeeChecks.appointed(people, areas, role));
    }

    /** Whether {@code surname} is a separate word of {@code fullName} (case-insensitive, ё = е). */
    public static boolean hasSurname(String fullName, String surname) {
        return ru.edu.auditor.law.checks.NamedAppointeeChecks.hasSurname(fullName, surname);
    }
}
