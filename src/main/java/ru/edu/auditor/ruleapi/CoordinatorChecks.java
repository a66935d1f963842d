package ru.edu.auditor.ruleapi;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import ru.edu.auditor.facts.ResponsiblePerson;

/**
 * A coordinator approved by the organization's order, with a copy of the order sent to the education
 * authority by a date. A pure function of facts returning a {@link Judgement}.
 * <p><b>Deprecated, kept for rule files written for the release before the package move</b> (they imported
 * {@code ru.edu.auditor.engine.*}, which the rule compiler now reads as {@code ru.edu.auditor.ruleapi.*}): these are
 * the readings as that release had them, unchanged, so such files compile and judge as they did. The live rules in
 * rules/ do not use this class; their readings are DRL (rules/common, rules/decrees).
 */
@Deprecated
public final class CoordinatorChecks {
    private CoordinatorChecks() { }

    /**
     * п. 6 Приказа № 178 Отдела образования Кесовогорского муниципального округа: «утвердить приказом
     * образовательной организации координатора, ответственного за использование ИКОП «Сферум» и ФГИС
     * «Моя школа». Копию приказа направить … в срок до {@code copyDueOn}».
     * <p>Reading: one coordinator covers both platforms (the decree names one coordinator «за … «Сферум» и
     * ФГИС «Моя школа»»); separate persons for each platform do not satisfy it. «Утвердить приказом» needs the
     * order's number and date ({@code appointedBy}); the copy's date is {@code orderCopySentOn}, on or before
     * {@code copyDueOn} (the day itself counts). A late copy is a FAIL; a missing order or copy is a FAIL that
     * the report shows as PENDING until the deadline has passed. Where several persons cover both platforms,
     * the best-documented one is judged.
     *
     * @param people the ResponsiblePerson facts (an empty list reported means nobody is appointed)
     */
    public static Judgement coordinatorApproved(List<?> people, LocalDate copyDueOn) {
        List<ResponsiblePerson> all = people.stream().map(o -> (ResponsiblePerson) o)
                .sorted(Comparator.comparing(ResponsiblePerson::getName)).toList();
        List<ResponsiblePerson> both = all.stream().filter(p -> p.covers("sferum") && p.covers("mySchool")).toList();
        if (both.isEmpty()) {
            List<String> partial = all.stream().filter(p -> p.covers("sferum") || p.covers("mySchool"))
                    .map(p -> label(p) + " — только " + p.getAreas().stream().filter(a -> a.equals("sferum") || a.equals("mySchool"))
                            .map(Checks::areaLabel).collect(Collectors.joining(", ")))
                    .toList();
            return Judgement.of(Verdict.FAIL, "Координатор, ответственный за использование ИКОП «Сферум» и ФГИС «Моя школа», не утверждён"
                    + (partial.isEmpty() ? ": ответственных за эти платформы нет." : ". Назначены отдельно: " + String.join("; ", partial) + "."),
                    "coordinator", null, "partial", partial);
        }
        ResponsiblePerson best = both.stream().filter(p -> p.getAppointedBy() != null && p.getOrderCopySentOn() != null
                        && !p.getOrderCopySentOn().isAfter(copyDueOn)).findFirst()
                .or(() -> both.stream().filter(p -> p.getAppointedBy() != null && p.getOrderCopySentOn() != null).findFirst())
                .or(() -> both.stream().filter(p -> p.getAppointedBy() != null).findFirst())
                .orElse(both.get(0));
        String who = label(best);
        if (best.getAppointedBy() == null) {
            return Judgement.of(Verdict.FAIL, "Координатор по ИКОП «Сферум» и ФГИС «Моя школа»: " + who
                    + "; приказ образовательной организации об утверждении координатора (номер и дата) не указан — приказом не утверждён.",
                    "coordinator", who);
        }
        String order = "приказ " + best.getAppointedBy();
        LocalDate sent = best.getOrderCopySentOn();
        if (sent == null) {
            return Judgement.of(Verdict.FAIL, "Координатор по ИКОП «Сферум» и ФГИС «Моя школа»: " + who + ", " + order
                    + "; копия приказа заместителю начальника Отдела образования не направлена.",
                    "coordinator", who, "order", best.getAppointedBy().toString());
        }
        if (sent.isAfter(copyDueOn)) {
            return Judgement.of(Verdict.FAIL, "Координатор по ИКОП «Сферум» и ФГИС «Моя школа»: " + who + ", " + order
                    + "; копия приказа направлена с опозданием: " + Fmt.date(sent) + " при сроке до " + Fmt.date(copyDueOn) + ".",
                    "coordinator", who, "order", best.getAppointedBy().toString(), "orderCopySentOn", sent);
        }
        return Judgement.of(Verdict.PASS, "Координатор по ИКОП «Сферум» и ФГИС «Моя школа»: " + who + ", " + order
                + "; копия приказа направлена заместителю начальника Отдела образования " + Fmt.date(sent) + ", в срок (до "
                + Fmt.date(copyDueOn) + ").", "coordinator", who, "order", best.getAppointedBy().toString(), "orderCopySentOn", sent);
    }

    private static String label(ResponsiblePerson p) {
        return p.getName() + (p.getPosition() != null ? " (" + p.getPosition() + ")" : "");
    }
}
