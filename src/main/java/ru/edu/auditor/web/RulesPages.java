package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.batch.Impact;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/** For rule authors: the rules in force, their reload, and the impact of a candidate rule set on the stored audits. */
final class RulesPages {
    record VersionLine(String version, String loadedAt) { }

    record Problem(String where, String message) { }

    record AttemptView(String at, String trigger, String outcome, boolean rejected, String version, long millis, List<Problem> problems) { }

    /** The rules page; {@code folder}, {@code municipalityValue} and {@code impactErrors} refill a refused impact form. */
    record RulesView(String candidateRoot, boolean hasStore, String current, String loadedAt, String dir, boolean watching,
                     List<VersionLine> versions, AttemptView attempt, String folder, String municipalityValue, List<String> impactErrors)
            implements Pages.View { }

    record ClauseImpact(String decree, String clause, List<String> transitions, long unchanged, long explanationOnly) { }

    record ChangeLine(String decree, String clause, String from, String to, String oldExplanation, String newExplanation) { }

    record OrganizationImpact(String name, String municipality, String href, String asOf, Views.Badge oldStatus, Views.Badge newStatus,
                              List<ChangeLine> changes) { }

    record ImpactView(String id, String folder, String municipality, boolean finished, String stage, String elapsed, String failure,
                      List<String> invalid, String liveVersion, String candidateVersion, boolean same, String organizations, Long changedCount,
                      String changedText, Long millis, Long failed, List<String> failures, boolean truncated, List<ClauseImpact> clauses,
                      List<OrganizationImpact> orgs) implements Pages.View { }

    private final Pages pages;
    private final RuleReloader reloader;
    private final ImpactJobs impacts = new ImpactJobs();

    RulesPages(Pages pages, RuleReloader reloader) {
        this.pages = pages;
        this.reloader = reloader;
    }

    void register(JavalinConfig config) {
        config.routes.get("/rules", pages.page((ctx, s) -> rules(ctx, s, 200, "", "", null)), PageGuard.RULE_AUTHOR);
        config.routes.post("/rules/reload", pages.page((ctx, s) -> {
            reloader.reloadNow("рабочее место", s.who().name());
            Pages.seeOther(ctx, "/rules");
        }), PageGuard.RULE_AUTHOR);
        config.routes.post("/rules/impact", pages.page(this::startImpact), PageGuard.RULE_AUTHOR);
        config.routes.get("/rules/impact/{id}", pages.page((ctx, s) -> impact(ctx, s, "impact-job")), PageGuard.RULE_AUTHOR);
        config.routes.get("/rules/impact/{id}/progress", pages.page((ctx, s) -> impact(ctx, s, "impact-progress")), PageGuard.RULE_AUTHOR);
    }

    private void rules(Context ctx, Sessions.Session s, int status, String folder, String municipality, List<String> impactErrors) throws IOException {
        RuleReloader.Status st = reloader.status();
        List<VersionLine> versions = st.versions().stream().map(v -> new VersionLine(v.version(), Pages.instant(v.loadedAt()))).toList();
        RuleReloader.Attempt a = st.lastAttempt();
        AttemptView attempt = a == null ? null : new AttemptView(Pages.instant(a.at()), a.trigger(), switch (a.outcome()) {
            case "loaded" -> "загружены";
            case "unchanged" -> "без изменений";
            case "rejected" -> "отклонены, действуют прежние правила";
            default -> a.outcome();
        }, "rejected".equals(a.outcome()), a.version(), a.millis(),
                a.problems().stream().map(p -> new Problem(p.file() + ":" + p.line() + ":" + p.column(), p.message())).toList());
        pages.render(ctx, s, status, "rules", "rules", new RulesView(ImpactJobs.root(st.rulesDir()), pages.hasStore(), st.current().version(),
                Pages.instant(st.current().loadedAt()), st.rulesDir(), st.watching(), versions, attempt, folder, municipality, impactErrors));
    }

    private void startImpact(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String folder = ctx.formParam("folder");
        String municipality = ctx.formParam("municipality");
        municipality = municipality == null || municipality.isBlank() ? null : municipality.strip();
        String shownFolder = folder == null ? "" : folder;
        String shownMunicipality = municipality == null ? "" : municipality;
        List<String> errors = new ArrayList<>();
        Path dir = ImpactJobs.candidateFolder(reloader.status().rulesDir(), folder, errors);
        if (dir == null) {
            rules(ctx, s, 400, shownFolder, shownMunicipality, errors);
            return;
        }
        ImpactJobs.Job job = impacts.start(dir, folder.strip(), municipality, pages.history(), s.who());
        if (job == null) {
            rules(ctx, s, 409, shownFolder, shownMunicipality, List.of("оценка влияния уже выполняется; дождитесь её окончания и повторите"));
            return;
        }
        Pages.seeOther(ctx, "/rules/impact/" + job.id);
    }

    private void impact(Context ctx, Sessions.Session s, String template) throws IOException {
        ImpactJobs.Job job = pages.ownedJob(ctx, s, impacts.jobs(), "Нет такой оценки влияния (или её запускал другой пользователь).");
        if (job == null) return;
        List<String> invalid = job.invalid == null ? null : ImpactJobs.problems(job.invalid);
        String elapsed = Plural.count(job.seconds(), "секунда", "секунды", "секунд");
        Impact.Result r = job.result;
        if (r == null) {
            pages.render(ctx, s, 200, template, "rules", new ImpactView(job.id, job.folder, job.municipality, job.finished, job.stage, elapsed,
                    job.failure, invalid, null, null, false, null, null, null, null, null, List.of(), false, List.of(), List.of()));
            return;
        }
        List<ClauseImpact> clauses = new ArrayList<>();
        for (Impact.ClauseImpact c : r.clauses()) {
            if (c.transitions().isEmpty() && c.explanationOnly() == 0) continue;
            clauses.add(new ClauseImpact(c.decree(), c.clause(),
                    c.transitions().entrySet().stream().map(e -> transition(e.getKey()) + ": " + e.getValue()).toList(), c.unchanged(), c.explanationOnly()));
        }
        List<OrganizationImpact> orgs = new ArrayList<>();
        for (Impact.Organization o : r.changed()) {
            orgs.add(new OrganizationImpact(o.name(), o.municipality(), "/reports/" + Pages.enc(o.decisionId()), Fmt.date(o.asOf()),
                    Views.statusBadge(o.oldStatus()), Views.statusBadge(o.newStatus()), o.changes().stream().map(c -> new ChangeLine(c.decree(), c.clause(),
                    verdictLabel(c.from()), verdictLabel(c.to()), c.oldExplanation() == null ? "—" : c.oldExplanation(),
                    c.newExplanation() == null ? "—" : c.newExplanation())).toList()));
        }
        String changedText = r.changedOrganizations() == 0 ? "Ни у одной организации вердикты не меняются."
                : "Вердикты меняются у " + Plural.count(r.changedOrganizations(), "организации", "организаций", "организаций") + " из " + r.organizations() + ".";
        pages.render(ctx, s, 200, template, "rules", new ImpactView(job.id, job.folder, job.municipality, job.finished, job.stage, elapsed, job.failure,
                invalid, r.liveVersion(), r.candidateVersion(), r.liveVersion().equals(r.candidateVersion()), Ru.organizations(r.organizations()),
                r.changedOrganizations(), changedText, r.millis(), r.failed(), r.failures(), r.truncated(), clauses, orgs));
    }

    private static String verdictLabel(String v) { return Impact.NONE.equals(v) ? "не оценивается" : Labels.verdict(v); }

    private static String transition(String key) {
        String[] ft = key.split("→", 2);
        return ft.length < 2 ? key : verdictLabel(ft[0]) + " → " + verdictLabel(ft[1]);
    }
}
