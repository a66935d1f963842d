package ru.edu.auditor.ruleapi;

import java.util.Collection;
import java.util.List;
import ru.edu.auditor.facts.ResponsiblePerson;

/** The person a decree itself appoints (rule-author interface; the reading is {@code law.checks.NamedAppointeeChecks}). */
public final class NamedAppointeeChecks {
    private NamedAppointeeChecks() { }

    public static Judgement namedResponsible(Collection<ResponsiblePerson> people, List<String> areas, String surname, String namedAs) {
        return Judgement.of(ru.edu.auditor.law.checks.NamedAppointeeChecks.namedResponsible(people, areas, surname, namedAs));
    }

    /** The same where the decree names the role it appoints to ({@code role}; null: none). */
    public static Judgement namedResponsible(Collection<ResponsiblePerson> people, List<String> areas, String surname, String namedAs, String role) {
        return Judgement.of(ru.edu.auditor.law.checks.NamedAppointeeChecks.namedResponsible(people, areas, surname, namedAs, role));
    }

    /** Whether {@code surname} is a separate word of {@code fullName} (case-insensitive, ё = е). */
    public static boolean hasSurname(String fullName, String surname) {
        return ru.edu.auditor.law.checks.NamedAppointeeChecks.hasSurname(fullName, surname);
    }
}
