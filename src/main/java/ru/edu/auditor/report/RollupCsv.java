package ru.edu.auditor.report;

import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.text.Fmt;

/** A roll-up as CSV: heading block with «Показатель 10», the clause table, then the organizations. */
public final class RollupCsv {
    private RollupCsv() { }

    public static Csv of(Rollup r) {
        Csv csv = new Csv();
        csv.row("Муниципальное образование", r.municipality());
        if (r.region() != null) csv.row("Субъект РФ", r.region());
        csv.row("На дату", Fmt.date(r.asOf()));
        csv.row("Организаций с проверками", r.organizations());
        Rollup.PlatformShare p = r.platformUse();
        csv.row("Показатель 10: доля общеобразовательных организаций, использующих ИКОП «Сферум», %", Csv.percent(p.using(), p.generalOrganizations()));
        csv.row("Общеобразовательных организаций", p.generalOrganizations(), "используют", p.using(), "не используют", p.notUsing(), "нет сведений", p.unknown());
        csv.row("Что считается использованием", p.definition());
        csv.row();
        List<Object> head = new ArrayList<>(List.of("Документ", "Пункт", "Вид пункта"));
        Labels.VERDICTS.forEach((k, label) -> head.add(capital(label)));
        head.addAll(List.of("Проверяется у организаций", "Доля выполнивших, %"));
        csv.row(head);
        for (Rollup.DecreeRollup d : r.decrees()) {
            for (Rollup.ClauseRollup c : d.clauses()) {
                List<Object> row = new ArrayList<>(List.of(d.document(), c.clause(), Labels.clauseKind(c.kind())));
                Labels.VERDICTS.keySet().forEach(v -> row.add(c.counts().getOrDefault(v, 0)));
                row.add(c.addressed());
                row.add(Csv.percent(c.compliant(), c.addressed()));
                csv.row(row);
            }
        }
        csv.row();
        csv.row("Организация", "Вид", "Дата последней проверки", "Итог", "Использует платформу", "Номер проверки");
        for (Rollup.OrganizationLine o : r.organizationList()) {
            csv.row(o.name(), OrgKinds.label(o.kind()), Fmt.date(o.asOf()), Labels.status(o.status()),
                    o.usesPlatform() == null ? "нет сведений" : o.usesPlatform() ? "да" : "нет", o.decisionId());
        }
        return csv;
    }

    private static String capital(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
