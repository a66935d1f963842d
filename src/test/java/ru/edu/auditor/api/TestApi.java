package ru.edu.auditor.api;

import io.javalin.Javalin;
import java.nio.file.Path;
import ru.edu.auditor.assembly.ServerAssembly;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.AuditRepository;

/**
 * The server as the API tests start it: the one {@code serve} builds ({@link ServerAssembly}: API and workspace) on
 * the project's rules, a test store, the given tokens, a free loopback port. Stopping the server is enough; the
 * caller closes its store.
 */
final class TestApi {
    private TestApi() { }

    static Javalin start(AuditRepository repo, String tokens) throws Exception {
        Path dir = Path.of("rules");
        return ServerAssembly.build(ServerAssembly.Options.onStore(dir, RuleSet.load(dir), Tokens.parse(tokens), repo)).start("127.0.0.1", 0);
    }
}
