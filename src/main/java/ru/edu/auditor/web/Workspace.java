package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import java.nio.file.Path;
import java.util.function.Consumer;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.ExemptionService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.rounds.RoundService;

/**
 * The auditor's workspace: Russian pages under {@code /} served by the API's server, rendered on the server with
 * Pebble (autoescaping on: every value a page shows is escaped), htmx and the style sheet served from the jar.
 * Every page goes through the same services as the API; nothing here judges anything. The pages come in groups,
 * each registering its own routes with the role they need; one gate ({@link PageGuard}) checks every one.
 */
public final class Workspace {
    static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";

    /** What the workspace serves from; {@code history} null: no store (then no history pages). {@code fixtures} may be null. */
    public record Services(AuditService audits, HistoryQueries history, RuleReloader reloader, Tokens tokens, Path fixtures, RoundService rounds) {
        /** With the monitoring rounds of the same store, reminders not mailed (no SMTP configured). */
        public Services(AuditService audits, HistoryQueries history, RuleReloader reloader, Tokens tokens, Path fixtures) {
            this(audits, history, reloader, tokens, fixtures, history == null ? null : RoundService.unmailed(audits, history));
        }
    }

    private Workspace() { }

    /** The workspace as a front end of the API's server: registers its routes on the server's configuration. */
    public static Consumer<JavalinConfig> frontEnd(Services services) {
        return config -> register(config, services);
    }

    private static void register(JavalinConfig config, Services services) {
        Sessions sessions = new Sessions();
        Pages pages = new Pages(services.history(), sessions);
        ControlCharacterRefusal.install(config, pages, sessions);
        PageGuard.install(config, sessions, pages, services.tokens().accounts().orElse(null));
        config.routes.get("/static/app.css", ctx -> Pages.resource(ctx, "/web/static/app.css", "text/css; charset=utf-8"));
        config.routes.get("/static/app.js", ctx -> Pages.resource(ctx, "/web/static/app.js", "text/javascript; charset=utf-8"));
        config.routes.get("/static/htmx.min.js", ctx -> Pages.resource(ctx, HTMX, "text/javascript; charset=utf-8"));
        new SignInPages(pages, sessions, services.tokens()).register(config);
        new OrganizationPages(pages).register(config);
        new DecreePages(pages, services.audits().rules(), services.fixtures()).register(config);
        ReportPages reports = new ReportPages(pages);
        reports.register(config);
        AuditFormPages forms = new AuditFormPages(pages, services.audits(), services.history(), reports);
        forms.register(config);
        new DistrictPages(pages).register(config);
        new ViolationPages(pages).register(config);
        new BatchPages(pages, services.audits()).register(config);
        new RulesPages(pages, services.reloader()).register(config);
        if (services.rounds() != null) new RoundPages(pages, services.rounds(), reports, forms).register(config);
        new ExemptionPages(pages, new ExemptionService(services.audits().exemptions(), services.audits().rules(), services.audits().visibility()), services.audits().rules())
                .register(config);
        new AccountPages(pages, sessions, services.tokens(), services.audits().record(), services.audits().visibility()).register(config);
    }
}
