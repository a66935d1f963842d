package ru.edu.auditor.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.Replays;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.access.Tokens;

/**
 * Routes over rules versions: the replay of a stored audit on its archived rules (auditor) and the impact of a
 * candidate rule set on the stored audits (rule author, see {@link ImpactRoutes}).
 */
final class RulesRoutes {
    private RulesRoutes() { }

    static void register(JavalinConfig config, Tokens tokens, HistoryQueries history, RuleReloader reloader) {
        config.routes.post("/api/v1/audits/{decisionId}/replay", ctx -> replay(ctx, history.replays()), ApiGuard.AUDITOR);
        ImpactRoutes.register(config, tokens, history, reloader);
    }

    private static void replay(Context ctx, Replays replays) throws Exception {
        String id = ctx.pathParam("decisionId");
        Replays.Result r;
        try {
            r = replays.replay(ApiServer.caller(ctx), id).orElse(null);
        } catch (Replays.Tampered e) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/rules-tampered", "Архив правил изменён", 409, e.getMessage(), null));
            return;
        } catch (Replays.NotArchived e) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/rules-not-archived", "Правил нет в архиве", 409, e.getMessage(), null));
            return;
        } catch (Replays.FactsNoLongerValid e) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/facts-no-longer-valid", "Сведения не проходят проверку", 422,
                    e.getMessage(), null));
            return;
        } catch (Replays.NotCompilable e) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/rules-not-compilable", "Архивные правила не компилируются", 422,
                    e.getMessage(), null));
            return;
        }
        if (r == null) {
            String detail = "Нет сохранённой проверки с номером «" + id + "».";
            ApiServer.problem(ctx, new Problem("about:blank", "Проверка не найдена", 404, detail, List.of(new FieldProblem("decisionId", detail, "not-found"))));
            return;
        }
        ApiServer.json(ctx, 200, r);
    }
}
