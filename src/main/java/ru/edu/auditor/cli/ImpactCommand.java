package ru.edu.auditor.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.StoreServices;
import ru.edu.auditor.service.batch.Impact;
import ru.edu.auditor.service.batch.ImpactService;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/** {@code impact --rules DIR}: what a candidate rule set would change in the latest stored audit of every organization. */
@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {"Оценить влияние правил-кандидата до того, как они вступят в силу: последняя сохранённая проверка каждой",
                "организации (или организаций одного муниципального образования) проверяется заново правилами-кандидатом на тех же",
                "сведениях и той же истории и сравнивается с ответом действующих правил. Действующие правила не меняются.",
                "Коды выхода: 0 — отчёт построен; 3 — правила не загружаются или хранилище недоступно."})
public final class ImpactCommand implements Callable<Integer> {
    @Mixin Verbosity verbosity;
    @Option(names = "--rules", required = true, paramLabel = "ПАПКА", description = "Папка правил-кандидата.")
    Path candidateDir;
    @Option(names = "--live", defaultValue = "rules", paramLabel = "ПАПКА", description = "Папка действующих правил (по умолчанию ./rules).")
    Path liveDir;
    @Option(names = "--as-of", paramLabel = "ДАТА", description = "Брать последнюю проверку каждой организации на эту дату: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию — сегодня).")
    LocalDate asOf;
    @Option(names = "--municipality", paramLabel = "НАЗВАНИЕ", description = "Только организации этого муниципального образования.")
    String municipality;
    @Option(names = "--limit", defaultValue = "50", paramLabel = "ЧИСЛО", description = "Сколько организаций перечислить в таблице (по умолчанию 50; в json — все).")
    int limit;
    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (для терминала) или json.")
    TableOrJson format;
    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Override public Integer call() throws Exception {
        RulesHolder live = RulesArgument.loadOrReport(liveDir);
        if (live == null) return ExitCodes.INVALID_INPUT;
        RulesHolder candidate = RulesArgument.loadOrReport(candidateDir);
        if (candidate == null) return ExitCodes.INVALID_INPUT;
        StoreServices opened = storeOptions.openOrReport();
        if (opened == null) return ExitCodes.INVALID_INPUT;
        try {
            boolean json = format == TableOrJson.json;
            Impact.Result r = new ImpactService(opened.history(live)).run(ru.edu.auditor.service.access.Tokens.Principal.operator(null), candidate,
                    new Impact.Scope(asOf != null ? asOf : LocalDate.now(), municipality, json ? Impact.DEFAULT_LIST_LIMIT : Math.max(0, limit)));
            if (json) System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            else print(r);
            return ExitCodes.OK;
        } finally {
            StoreOptions.close(opened);
        }
    }

    /** «PENDING→PASS» in words: «срок не наступил» → «выполнено» (the codes stay in --format json). */
    static String transition(String codes) {
        int arrow = codes.indexOf('→');
        if (arrow < 0) return Labels.verdict(codes);
        return "«" + Labels.verdict(codes.substring(0, arrow)) + "» → «" + Labels.verdict(codes.substring(arrow + 1)) + "»";
    }

    static void print(Impact.Result r) {
        System.out.println("Правила-кандидат " + r.candidateVersion() + " против действующих " + r.liveVersion() + ", последние проверки на "
                + Fmt.date(r.asOf()) + (r.municipality() == null ? "" : ", " + r.municipality()) + ".");
        System.out.println("Проверено заново: " + Plural.count(r.organizations(), "организация", "организации", "организаций") + " за "
                + String.format(java.util.Locale.ROOT, "%.1f", r.millis() / 1000.0).replace('.', ',') + " с; вердикт меняется у "
                + Plural.count(r.changedOrganizations(), "организации", "организаций", "организаций") + "."
                + (r.failed() > 0 ? " Не удалось проверить заново: " + r.failed() + "." : ""));
        boolean any = false;
        for (Impact.ClauseImpact c : r.clauses()) {
            if (c.transitions().isEmpty() && c.explanationOnly() == 0) continue;
            if (!any) System.out.println("Изменения по пунктам (решение, пункт: переход — число организаций):");
            any = true;
            StringBuilder b = new StringBuilder("  " + c.decree() + " п. " + c.clause() + ": ");
            for (Map.Entry<String, Long> t : c.transitions().entrySet()) b.append(transition(t.getKey())).append(" — ").append(t.getValue()).append("; ");
            b.append("без изменений — ").append(c.unchanged());
            if (c.explanationOnly() > 0) b.append(" (из них изменилось только пояснение — ").append(c.explanationOnly()).append(')');
            System.out.println(b);
        }
        if (!any) System.out.println("Ни один вердикт и ни одно пояснение не меняются.");
        for (Impact.Organization o : r.changed()) {
            System.out.println(o.name() + " (" + o.organizationKey() + ", проверка " + o.decisionId() + " на " + Fmt.date(o.asOf()) + "): итог "
                    + (o.oldStatus().equals(o.newStatus()) ? "прежний — «" + Labels.status(o.newStatus()) + "»"
                            : "«" + Labels.status(o.oldStatus()) + "» → «" + Labels.status(o.newStatus()) + "»"));
            for (Impact.Change c : o.changes()) {
                System.out.println("  " + c.decree() + " п. " + c.clause() + ": «" + Labels.verdict(c.from()) + "» → «" + Labels.verdict(c.to()) + "»");
                if (c.oldExplanation() != null) System.out.println("    было: " + c.oldExplanation());
                if (c.newExplanation() != null) System.out.println("    стало: " + c.newExplanation());
            }
        }
        if (r.truncated()) System.out.println("… перечислены не все организации (--limit); полный список — --format json.");
        r.failures().forEach(f -> System.out.println("Не проверено: " + f));
    }
}
