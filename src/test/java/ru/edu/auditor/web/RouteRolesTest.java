package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.api.ApiGuard;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.Passwords;
import ru.edu.auditor.service.access.PersonalTokens;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Every route of the server (API and workspace, with a store) and the role its one gate asks for: the table below is
 * what the routes required before authorization moved from per-route wrappers to route roles, and a new route must
 * be added here with its role, so none is left open by mistake.
 */
class RouteRolesTest {
    static final Map<String, String> EXPECTED = expected();

    static Map<String, String> expected() {
        Map<String, String> m = new TreeMap<>();
        for (String open : new String[] {"GET /health", "GET /api/v1/openapi.json", "GET /api/docs", "GET /api/docs/init.js", "GET /api/docs/{file}",
                "GET /static/app.css", "GET /static/app.js", "GET /static/htmx.min.js", "GET /login", "POST /login"}) m.put(open, "public");
        for (String api : new String[] {"GET /api/v1/decrees", "GET /api/v1/decrees/{id}",
                "POST /api/v1/audits/batch", "GET /api/v1/rollup",
                "POST /api/v1/audits/{decisionId}/replay", "GET /api/v1/templates/district.xlsx",
                "GET /api/v1/audits/batch/{batchId}", "GET /api/v1/audits/batch/{batchId}/lines"}) m.put(api, "api auditor");
        for (String api : new String[] {"GET /api/v1/violations", "POST /api/v1/remedy-orders", "GET /api/v1/remedy-orders",
                "GET /api/v1/remedy-orders/{id}", "GET /api/v1/remedy-orders/{id}.pdf", "GET /api/v1/remedy-orders/{id}.docx"}) m.put(api, "api auditor");
        // a school's own: its audit (JSON or workbook), its reports, acts and history; the services keep it to its organization
        for (String api : new String[] {"GET /api/v1/schema", "POST /api/v1/audits", "GET /api/v1/audits/{decisionId}",
                "GET /api/v1/audits/{decisionId}/act.pdf", "GET /api/v1/audits/{decisionId}/act.docx", "GET /api/v1/organizations/{key}/audits",
                "GET /api/v1/templates/organization.xlsx"}) m.put(api, "api school");
        for (String api : new String[] {"POST /api/v1/rules/impact", "GET /api/v1/rules/status", "POST /api/v1/rules/reload"}) m.put(api, "api rule_author");
        for (String api : new String[] {"POST /api/v1/exemptions", "GET /api/v1/exemptions", "GET /api/v1/exemptions/{id}",
                "DELETE /api/v1/exemptions/{id}"}) m.put(api, "api admin");
        for (String page : new String[] {"GET /decrees", "GET /decrees/{id}",
                "GET /templates/district.xlsx", "POST /reports/{id}/replay", "GET /district",
                "GET /district/rollup.csv", "GET /district/rollup.xlsx", "GET /batch", "POST /batch", "GET /batch/{id}", "GET /batch/{id}/progress"}) {
            m.put(page, "page auditor");
        }
        for (String page : new String[] {"POST /logout", "POST /sessions/end-others", "GET /", "GET /organizations", "GET /organizations/{key}",
                "GET /organizations/{key}/history.xlsx", "GET /audits/new", "POST /audits/new", "POST /audits/upload",
                "GET /templates/organization.xlsx", "GET /reports/{id}", "GET /reports/{id}/report.csv", "GET /reports/{id}/report.json",
                "GET /reports/{id}/report.xlsx", "GET /reports/{id}/act.pdf", "GET /reports/{id}/act.docx"}) {
            m.put(page, "page school");
        }
        for (String page : new String[] {"GET /violations", "GET /violations/order", "POST /violations/order", "GET /remedy-orders/{id}",
                "GET /remedy-orders/{id}.pdf", "GET /remedy-orders/{id}.docx"}) m.put(page, "page auditor");
        // accounts (issue 23): administration and the change record for admins, one's own tokens and password for every account
        for (String api : new String[] {"GET /api/v1/users", "POST /api/v1/users", "GET /api/v1/users/{login}", "PATCH /api/v1/users/{login}",
                "POST /api/v1/users/{login}/password-reset", "GET /api/v1/users/{login}/tokens", "DELETE /api/v1/users/{login}/tokens/{id}"}) {
            m.put(api, "api admin");
        }
        m.put("GET /api/v1/record", "api auditor"); // every auditor reads the record within their scope
        m.put("GET /admin/record", "page auditor");
        for (String api : new String[] {"GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}"}) m.put(api, "api school");
        for (String page : new String[] {"GET /admin/users", "POST /admin/users", "GET /admin/users/{login}", "POST /admin/users/{login}",
                "POST /admin/users/{login}/reset-password", "POST /admin/users/{login}/tokens/{id}/revoke"}) m.put(page, "page admin");
        for (String page : new String[] {"GET /password", "POST /password", "GET /tokens", "POST /tokens", "POST /tokens/{id}/revoke",
                "POST /sessions/end-all"}) m.put(page, "page school");
        for (String page : new String[] {"GET /rules", "POST /rules/reload", "POST /rules/impact", "GET /rules/impact/{id}",
                "GET /rules/impact/{id}/progress"}) m.put(page, "page rule_author");
        for (String page : new String[] {"GET /exemptions", "POST /exemptions", "POST /exemptions/{id}/revoke"}) m.put(page, "page admin");
        // the district summary printed (issue 21)
        for (String api : new String[] {"GET /api/v1/rollup.pdf", "GET /api/v1/rollup.docx"}) m.put(api, "api auditor");
        for (String page : new String[] {"GET /district/rollup.pdf", "GET /district/rollup.docx"}) m.put(page, "page auditor");
        // monitoring rounds (issue 24): auditors open rounds and read boards; schools answer (each sees only its own, checked in the service)
        for (String api : new String[] {"GET /api/v1/rounds", "POST /api/v1/rounds", "GET /api/v1/rounds/{id}", "GET /api/v1/rounds/{id}/board.xlsx",
                "GET /api/v1/rounds/{id}/board.pdf", "GET /api/v1/rounds/{id}/reminders", "POST /api/v1/rounds/{id}/reminders",
                "POST /api/v1/rounds/{id}/close"}) m.put(api, "api auditor");
        for (String api : new String[] {"GET /api/v1/rounds/mine", "GET /api/v1/rounds/{id}/answers", "POST /api/v1/rounds/{id}/answers/{organization}"}) {
            m.put(api, "api school");
        }
        for (String page : new String[] {"GET /rounds", "GET /rounds/new", "POST /rounds/new", "GET /rounds/{id}", "GET /rounds/{id}/board.xlsx",
                "GET /rounds/{id}/board.pdf", "POST /rounds/{id}/remind", "POST /rounds/{id}/close"}) m.put(page, "page auditor");
        for (String page : new String[] {"GET /my/rounds", "GET /rounds/{id}/answer/{org}", "POST /rounds/{id}/answer/{org}",
                "POST /rounds/{id}/answer/{org}/upload", "GET /rounds/{id}/answer/{org}/form.xlsx", "GET /rounds/{id}/answer/{org}/report"}) {
            m.put(page, "page school");
        }
        return m;
    }

    @Test
    void everyRouteAsksForTheRoleItAlwaysNeeded() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        try (TestStores.Backend store = TestStores.open("sqlite")) {
            AuditRepository repo = store.repository();
            AuditService audits = new AuditService(holder, repo);
            HistoryQueries history = new HistoryQueries(repo, holder);
            RuleReloader reloader = new RuleReloader(dir, holder);
            // as serve builds it with a store: the accounts' routes are there too
            Tokens tokens = Tokens.parse("anna:auditor:anna-secret-0123456789").withAccounts(new Accounts(repo, new Passwords()), new PersonalTokens(repo));
            Javalin app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history),
                    Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, null)));
            Map<String, String> actual = new TreeMap<>();
            for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
                if (!e.endpoint.method.isHttpMethod()) continue; // before/after handlers: the gates themselves
                Roles roles = e.endpoint.metadata(Roles.class);
                String needs = "public";
                for (RouteRole r : roles == null ? java.util.Set.<RouteRole>of() : roles.getRoles()) {
                    if (r instanceof ApiGuard.Needs n) needs = "api " + n.role().name();
                    if (r instanceof PageGuard.Needs n) needs = "page " + n.role().name();
                }
                actual.put(e.endpoint.method.name() + " " + e.endpoint.path, needs);
            }
            reloader.close();
            assertEquals(EXPECTED, actual);
        }
    }
}
