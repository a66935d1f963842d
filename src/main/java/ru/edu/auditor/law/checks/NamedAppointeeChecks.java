package ru.edu.auditor.law.checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import ru.edu.auditor.facts.ResponsiblePerson;
import ru.edu.auditor.law.Judgement;
import ru.edu.auditor.law.Verdict;

/**
 * Clauses in which the decree itself names the person appointed responsible (the shared reading
 * {@code namedResponsible}, rules/common/people.drl; the person, surname and areas are the clause's catalog parameters).
 *
 * <p>Прочтение. Обязанность исполнена, когда среди представленных ответственных есть лицо, названное в
 * приказе, и оно отвечает за все направления, названные в пункте. Лицо сравнивается по фамилии: отдельное
 * слово в ФИО, без учёта регистра, «ё» = «е» (инициалы и порядок слов не важны: «Иванова А.П.»,
 * «А.П. Иванова», «ИВАНОВА Анна Петровна»). Направление, за которое не отвечает никто, — нарушение
 * (FAIL): этого не оправдывает никакой последующий приказ. Когда все направления закреплены, но не за
 * названным лицом (за другим лицом или разделены между несколькими), аудитор не может отличить нарушение от
 * замены ответственного более поздним приказом — нужна оценка специалиста (MANUAL). Пустой список
 * ответственных означает «никто не назначен».
 */
public final class NamedAppointeeChecks {
    private static final java.util.regex.Pattern NON_LETTERS = java.util.regex.Pattern.compile("[^\\p{L}]+");
    private NamedAppointeeChecks() { }

    /**
     * @param people  the reported responsible persons (possibly none)
     * @param areas   the areas the clause names: sferum, mySchool, ict
     * @param surname the surname of the named person in the nominative (catalog parameter {@code surname})
     * @param namedAs how the decree names the person, in the nominative (catalog parameter {@code person})
     */
    public static Judgement namedResponsible(Collection<ResponsiblePerson> people, List<String> areas, String surname, String namedAs) {
        return namedResponsible(people, areas, surname, namedAs, null);
    }

    /**
     * The same, where the decree also names the role it appoints the person to ({@code role}, catalog parameter; null:
     * none named). Roles are judged only when the facts give them (facts without roles are judged by area, as before):
     * the named person holding another role while someone else holds the decree's role is a swap of roles — FAIL naming
     * both; nobody holding the decree's role while the named person holds another — FAIL naming the role given instead.
     */
    public static Judgement namedResponsible(Collection<ResponsiblePerson> people, List<String> areas, String surname, String namedAs,
                                             String role) {
        if (role != null && people.stream().anyMatch(ResponsiblePerson::hasRole)) {
            Judgement byRole = byRole(people, surname, namedAs, role);
            if (byRole != null) return byRole;
        }
        String areaText = String.join(", ", areas.stream().map(Checks::areaLabel).toList());
        List<String> uncovered = uncovered(people, areas);
        List<String> involved = involved(people, areas);
        String named = " Приказ называет ответственным: " + namedAs + ".";
        if (!uncovered.isEmpty()) {
            return Judgement.of(Verdict.FAIL, "Не назначен ответственный за: " + String.join(", ", uncovered) + "."
                    + (involved.isEmpty() ? (people.isEmpty() ? " Ответственные не назначены вовсе." : "")
                                          : " Назначены: " + String.join("; ", involved) + ".") + named,
                    "uncovered", uncovered, "responsible", involved, "namedInDecree", namedAs);
        }
        List<ResponsiblePerson> theNamed = people.stream()
                .filter(p -> hasSurname(p.getName(), surname) && areas.stream().allMatch(p::covers)).toList();
        if (!theNamed.isEmpty()) {
            List<String> who = theNamed.stream().map(p -> describe(p, areas)).toList();
            return Judgement.of(Verdict.PASS, "Ответственным за " + areaText + " назначено лицо, названное в приказе (" + namedAs + "): "
                    + String.join("; ", who) + ".", "responsible", who, "namedInDecree", namedAs);
        }
        return Judgement.of(Verdict.MANUAL, "За " + areaText + " отвечает не лицо, названное в приказе (" + namedAs + "), а: "
                + String.join("; ", involved) + ". Ответственный мог быть заменён более поздним приказом — требуется проверка специалистом.",
                "responsible", involved, "namedInDecree", namedAs);
    }

    /**
     * Responsible persons the decree asks for without naming them: someone for each of {@code areas} (one person may
     * hold several). With {@code role} (catalog parameter; null: none) and facts that give roles, a person given another
     * role does not count for it (an administrator of the platform is not the person responsible for its use): FAIL
     * naming who holds which role. Facts without roles are judged by area alone. The area part is the one
     * {@link #namedResponsible} uses.
     */
    public static Judgement appointed(Collection<ResponsiblePerson> people, List<String> areas, String role) {
        boolean byRole = role != null && people.stream().anyMatch(ResponsiblePerson::hasRole);
        List<ResponsiblePerson> counted = byRole ? people.stream().filter(p -> !p.hasRole() || role.equals(p.getRole())).toList() : List.copyOf(people);
        List<String> uncovered = uncovered(counted, areas);
        List<String> involved = involved(counted, areas);
        List<String> otherRoles = byRole ? people.stream().filter(p -> p.hasRole() && !role.equals(p.getRole()) && areas.stream().anyMatch(p::covers))
                .map(p -> p.getName() + " — в роли «" + Checks.roleLabel(p.getRole()) + "»").toList() : List.of();
        if (uncovered.isEmpty()) return Judgement.of(Verdict.PASS, "Назначены ответственные: " + String.join("; ", involved) + ".", "responsible", involved);
        String others = otherRoles.isEmpty() ? "" : " Пункт назначает лиц в роли «" + Checks.roleLabel(role) + "»; не в этой роли: "
                + String.join("; ", otherRoles) + ".";
        return Judgement.of(Verdict.FAIL, "Не назначен ответственный за: " + String.join(", ", uncovered) + "."
                + (involved.isEmpty() ? "" : " Назначены: " + String.join("; ", involved) + ".") + others,
                "uncovered", uncovered, "responsible", involved);
    }

    private static List<String> uncovered(Collection<ResponsiblePerson> people, List<String> areas) {
        List<String> out = new ArrayList<>();
        for (String a : areas) {
            if (people.stream().noneMatch(p -> p.covers(a))) out.add(Checks.areaLabel(a));
        }
        return out;
    }

    private static List<String> involved(Collection<ResponsiblePerson> people, List<String> areas) {
        return people.stream().filter(p -> areas.stream().anyMatch(p::covers)).map(p -> describe(p, areas)).toList();
    }

    /** FAIL when the named person holds a role other than the decree's; null when roles do not decide. */
    private static Judgement byRole(Collection<ResponsiblePerson> people, String surname, String namedAs, String role) {
        List<ResponsiblePerson> named = people.stream().filter(p -> hasSurname(p.getName(), surname)).toList();
        List<ResponsiblePerson> holders = people.stream().filter(p -> role.equals(p.getRole())).toList();
        List<ResponsiblePerson> namedElsewhere = named.stream().filter(p -> p.hasRole() && !role.equals(p.getRole())).toList();
        if (namedElsewhere.isEmpty() || named.stream().anyMatch(p -> role.equals(p.getRole()))) return null;
        ResponsiblePerson n = namedElsewhere.get(0);
        String given = n.getName() + " назначен(а) в роли «" + Checks.roleLabel(n.getRole()) + "»";
        if (holders.isEmpty()) {
            return Judgement.of(Verdict.FAIL, "Приказ назначает " + namedAs + " в роли «" + Checks.roleLabel(role) + "», а " + given
                    + "; в роли «" + Checks.roleLabel(role) + "» не назначен никто.", "namedInDecree", namedAs, "role", role, "givenRole", n.getRole());
        }
        List<String> others = holders.stream().map(ResponsiblePerson::getName).toList();
        return Judgement.of(Verdict.FAIL, "Роли переставлены: приказ назначает " + namedAs + " в роли «" + Checks.roleLabel(role) + "», а " + given
                + "; в роли «" + Checks.roleLabel(role) + "» назначен(а) " + String.join(", ", others) + ".",
                "namedInDecree", namedAs, "role", role, "givenRole", n.getRole(), "holders", others);
    }

    /** Whether {@code surname} is a separate word of {@code fullName} (case-insensitive, ё = е). */
    public static boolean hasSurname(String fullName, String surname) {
        if (fullName == null || surname == null) return false;
        String want = norm(surname);
        for (String w : NON_LETTERS.split(norm(fullName))) {
            if (!w.isEmpty() && w.equals(want)) return true;
        }
        return false;
    }

    private static String norm(String s) { return s.toLowerCase(Locale.ROOT).replace('ё', 'е').strip(); }

    private static String describe(ResponsiblePerson p, List<String> areas) {
        return p.getName() + (p.getPosition() != null ? " (" + p.getPosition() + ")" : "")
                + " — " + String.join(", ", p.getAreas().stream().filter(areas::contains).map(Checks::areaLabel).toList())
                + (p.getAppointedBy() != null ? ", приказ " + p.getAppointedBy() : "");
    }
}
