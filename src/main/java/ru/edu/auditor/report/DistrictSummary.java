package ru.edu.auditor.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * A municipality's roll-up on a date as the words of a printed summary (PDF and Word carry the same ones, in the same
 * order): a header, «Показатель 10», for each decree each clause's share and its organizations by verdict, then the
 * organizations with their own audit dates. Every word is Russian; no verdict or status code, no field name.
 * At most {@link #LISTED} organizations are listed (the full list is in the CSV and .xlsx); the roll-up's organization
 * list is read once, here.
 */
public record DistrictSummary(String title, List<Pair> header, String indicator, String indicatorDefinition, List<Pair> indicatorLines,
                              String note, List<Decree> decrees, List<String> organizationColumns, List<List<String>> organizations,
                              String organizationsNote) {
    /** Organizations a printed summary lists at most. */
    public static final int LISTED = 2000;
    public static final List<String> CLAUSE_COLUMNS = List.of("Пункт", "Выполнили", "Организации по итогам проверки");

    public record Pair(String label, String value) { }

    public record Decree(String document, String title, List<List<String>> clauses) { }

    public static DistrictSummary of(Rollup r) {
        String date = Fmt.date(r.asOf());
        List<Pair> header = new ArrayList<>();
        header.add(new Pair("Муниципальное образование", r.municipality()));
        if (r.region() != null) header.add(new Pair("Субъект Российской Федерации", r.region()));
        header.add(new Pair("Сводка на дату", date));
        header.add(new Pair("Организаций с проверками на эту дату", Plural.count(r.organizations(), "организация", "организации", "организаций")));
        Rollup.PlatformShare p = r.platformUse();
        List<Pair> indicator = List.of(
                new Pair("Доля", p.generalOrganizations() == 0 ? "нет общеобразовательных организаций с проверками"
                        : p.share() == null ? "нет сведений" : Fmt.share(p.using(), p.generalOrganizations())),
                new Pair("Используют", Fmt.number(p.using())),
                new Pair("Не используют", Fmt.number(p.notUsing())),
                new Pair("Нет сведений", Fmt.number(p.unknown())));
        String note = "Для каждой организации взята её последняя проверка не позже " + date + "; дата проверки указана в списке организаций. "
                + "Если срок пункта истёк после проверки, пункт не считается «срок не наступил»: он показан как «"
                + Labels.DUE_SINCE_AUDIT + "».";
        List<Decree> decrees = new ArrayList<>();
        for (Rollup.DecreeRollup d : r.decrees()) {
            List<List<String>> clauses = new ArrayList<>();
            for (Rollup.ClauseRollup c : d.clauses()) clauses.add(List.of("п. " + c.clause(), share(c), counts(c.counts())));
            decrees.add(new Decree(d.document(), d.title(), clauses));
        }
        List<List<String>> orgs = new ArrayList<>();
        int total = 0;
        for (Rollup.OrganizationLine o : r.organizationList()) {
            total++;
            if (orgs.size() >= LISTED) continue; // read to the end: the list streams from the store
            orgs.add(List.of(o.name(), o.kind() == null ? "—" : OrgKinds.label(o.kind()), Fmt.date(o.asOf()), Labels.status(o.status()),
                    o.usesPlatform() == null ? "нет сведений" : o.usesPlatform() ? "да" : "нет"));
        }
        String orgNote = total > LISTED ? "Показаны первые " + Fmt.number(LISTED) + " из " + Plural.count(total, "организации", "организаций", "организаций")
                + "; полный список — в файлах CSV и .xlsx." : null;
        return new DistrictSummary("Сводка на " + date + ": " + r.municipality(), header,
                "Показатель 10: доля общеобразовательных организаций, использующих ИКОП «Сферум»", p.definition(), indicator, note, decrees,
                List.of("Организация", "Вид", "Дата проверки", "Итог на " + date, "Использует платформу"), orgs, orgNote);
    }

    /** «3 из 4 (75 %)»; «нет сведений» when no addressed organization's verdict is known; «—» when none is addressed. */
    public static String share(Rollup.ClauseRollup c) {
        if (c.addressed() == 0) return "—";
        return c.shareCompliant() == null ? "нет сведений" : Fmt.share(c.compliant(), c.addressed());
    }

    /** «выполнено — 3; нарушение — 1», the non-zero counts in the roll-up's column order. */
    static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        Labels.ROLLUP_COLUMNS.forEach((code, label) -> {
            int n = counts.getOrDefault(code, 0);
            if (n > 0) parts.add(label + " — " + Fmt.number(n));
        });
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }

    /** «Сводка_Сергокалинский_район_2026-12-07.pdf». */
    public static String fileName(Rollup r, String extension) {
        String place = r.municipality().replaceAll("[\\\\/:*?\"<>|«»\\s]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (place.length() > 80) place = place.substring(0, 80);
        return "Сводка_" + place + "_" + r.asOf() + "." + extension;
    }
}
