package ru.edu.auditor.api;

import io.javalin.Javalin;
import java.nio.file.Path;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.AuditRepository;

/** The API server as the API tests start it: the project's rules, a test store, the given tokens, a free loopback port. */
final class TestApi {
    private TestApi() { }

    static Javalin start(AuditRepository repo, String tokens) throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        return ApiServer.create(new ApiServer.Services(new AuditService(holder, repo), new RuleReloader(dir, holder),
                Tokens.parse(tokens), new HistoryQueries(repo, holder))).start("127.0.0.1", 0);
    }
}
