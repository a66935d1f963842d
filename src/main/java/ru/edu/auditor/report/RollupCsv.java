package ru.edu.auditor.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.text.Fmt;

/** A roll-up as CSV: heading block with «Показатель 10», the clause table, then the organizations. */
public final class RollupCsv {
    private RollupCsv() { }

    /** The whole roll-up as one CSV in memory (small roll-ups, tests). */
    public static Csv of(Rollup r) {
        Csv csv = new Csv();
        head(csv, r);
        for (Rollup.OrganizationLine o : r.organizationList()) organization(csv, o);
        return csv;
    }

    /** Writes the roll-up to {@code out}, the organizations as they come, a few hundred rows at a time. */
    public static void write(Rollup r, OutputStream out) throws IOException {
        Csv csv = new Csv();
        head(csv, r);
        int rows = 0;
        for (Rollup.OrganizationLine o : r.organizationList()) {
            organization(csv, o);
            if (++rows % 500 == 0) csv.flushTo(out);
        }
        csv.flushTo(out);
    }

    private static void head(Csv csv, Rollup r) {
        csv.row("Муниципальное образование", r.municipality());
        if (r.region() != null) csv.row("Субъект РФ", r.region());
        csv.row("На дату", Fmt.date(r.asOf()));
        csv.row("Организаций с проверками", r.organizations());
        Rollup.PlatformShare p = r.platformUse();
        csv.row("Показатель 10: доля общеобразовательных организаций, использующих ИКОП «Сферум», %",
                p.share() == null ? "нет сведений" : Csv.percent(p.using(), p.generalOrganizations()));
        csv.row("Общеобразовательных организаций", p.generalOrganizations(), "используют", p.using(), "не используют", p.notUsing(), "нет сведений", p.unknown());
        csv.row("Что считается использованием", p.definition());
        csv.row();
        List<Object> head = new ArrayList<>(List.of("Документ", "Пункт", "Вид пункта"));
        Labels.ROLLUP_COLUMNS.forEach((k, label) -> head.add(Fmt.capitalized(label)));
        head.addAll(List.of("Проверяется у организаций", "Доля выполнивших, %"));
        csv.row(head);
        for (Rollup.DecreeRollup d : r.decrees()) {
            for (Rollup.ClauseRollup c : d.clauses()) {
                List<Object> row = new ArrayList<>(List.of(d.document(), Csv.text(c.clause()), Labels.clauseKind(c.kind())));
                Labels.ROLLUP_COLUMNS.keySet().forEach(v -> row.add(c.counts().getOrDefault(v, 0)));
                row.add(c.addressed());
                row.add(c.shareCompliant() == null ? (c.addressed() == 0 ? "" : "нет сведений") : Csv.percent(c.compliant(), c.addressed()));
                csv.row(row);
            }
        }
        csv.row();
        csv.row("Организация", "Вид", "Дата последней проверки", "Итог на " + Fmt.date(r.asOf()), "Использует платформу", "Номер проверки");
    }

    private static void organization(Csv csv, Rollup.OrganizationLine o) {
        csv.row(o.name(), OrgKinds.label(o.kind()), Fmt.date(o.asOf()), Labels.status(o.status()),
                o.usesPlatform() == null ? "нет сведений" : o.usesPlatform() ? "да" : "нет", o.decisionId());
    }

}
