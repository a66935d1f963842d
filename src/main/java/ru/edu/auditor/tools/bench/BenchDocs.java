package ru.edu.auditor.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import ru.edu.auditor.tools.generate.FactsGenerator;

/**
 * The documents a weekly auditor submits: МКОУ «Сергокалинская СОШ №1» (two decrees apply, a roster of teachers)
 * as organization {@code org} in week {@code week} — audited on the Monday after the week, that week as the
 * audited period and as the period of its indicators, no previous-period indicators (the store supplies them),
 * one weekly analysis in the week. Week 0 is audited on 20.11.2023.
 */
final class BenchDocs {
    static final LocalDate FIRST_MONDAY = LocalDate.of(2023, 11, 20);
    private final ObjectNode template;

    BenchDocs(FactsGenerator gen, int teachers) { this.template = gen.schoolWithRoster(teachers); }

    ObjectNode template() { return template.deepCopy(); }

    ObjectNode week(String org, int week) {
        ObjectNode doc = template.deepCopy();
        ((ObjectNode) doc.path("organization")).put("id", org);
        LocalDate monday = FIRST_MONDAY.plusWeeks(week);
        doc.put("asOf", monday.toString());
        doc.putObject("period").put("from", monday.minusDays(7).toString()).put("to", monday.minusDays(1).toString());
        ObjectNode indicators = (ObjectNode) doc.path("indicators");
        indicators.remove("previous");
        ((ObjectNode) indicators.path("current")).put("periodFrom", monday.minusDays(7).toString()).put("periodTo", monday.minusDays(1).toString())
                .put("studentsInSferum", 30 + week % 7);
        doc.putArray("weeklyAnalyses").add(monday.minusDays(5).toString());
        // active «Моя школа» teachers follow from the roster's sign-in dates, which age as the weeks go by
        if (doc.path("mySchool") instanceof ObjectNode mySchool) mySchool.remove("activeTeachers");
        return doc;
    }
}
