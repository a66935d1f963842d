package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.servlet.JavalinServletContext;
import io.javalin.router.ParsedEndpoint;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import ru.edu.auditor.facts.Json;

/**
 * The answers no route handler gives: HEAD requests (run through their GET route, so authentication always
 * applies), unknown routes (404), wrong methods (405 with {@code Allow}), and the errors Jetty raises before any
 * handler runs (a malformed request line, bad percent-encoding, a URI over 8 KiB → 414, headers over 8 KiB → 431).
 * Every one is problem+json in Russian, in UTF-8, naming no Java internals.
 */
final class HttpErrors {
    /** The methods a route can have, in the order an {@code Allow} header lists them. */
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS);

    private HttpErrors() { }

    static void install(JavalinConfig config) {
        JavalinState state = config.unsafe;
        config.http.prefer405over404 = true;
        RequestParameters.install(config);
        // Javalin answers HEAD on a GET route by itself, without running the route's handler (and so without its
        // authentication): run the GET route here instead; Jetty sends its status and headers without the body.
        config.routes.beforeMatched(ctx -> {
            if (ctx.method() != HandlerType.HEAD) return;
            ParsedEndpoint get = state.internalRouter.findFirstHttpHandlerEntry(HandlerType.GET, ctx.path());
            if (get == null) return;
            get.handle((JavalinServletContext) ctx, ctx.path());
            ctx.skipRemainingHandlers();
        });
        config.routes.error(404, "*", ctx -> {
            String type = ctx.res().getContentType();
            // a handler's own 404 problem stays, and so does a front end's own 404 page (the workspace's, in HTML)
            if (ctx.result() == null || type == null || !(type.startsWith(Problem.CONTENT_TYPE) || type.startsWith("text/html"))) {
                ApiServer.problem(ctx, Problem.of(404, "Не найдено", "Нет ресурса " + ctx.method() + " " + ctx.path()
                        + ". Список адресов API — в README, раздел «HTTP API»."));
            }
        });
        config.routes.error(405, "*", ctx -> methodNotAllowed(ctx, state));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) methodNotAllowed(ctx, state);
            else ApiServer.problem(ctx, Problem.of(e.getStatus(), title(e.getStatus()), detail(e.getStatus(), ctx.method() + " " + ctx.path())));
        });
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyProblems()));
    }

    private static void methodNotAllowed(Context ctx, JavalinState state) {
        List<String> allowed = new ArrayList<>();
        for (HandlerType m : METHODS) {
            boolean has = state.internalRouter.hasHttpHandlerEntry(m, ctx.path())
                    || (m == HandlerType.HEAD && state.internalRouter.hasHttpHandlerEntry(HandlerType.GET, ctx.path()));
            if (has) allowed.add(m.name());
        }
        ctx.header("Allow", String.join(", ", allowed));
        ApiServer.problem(ctx, Problem.of(405, title(405), "Метод " + ctx.method() + " не поддерживается для " + ctx.path()
                + (allowed.isEmpty() ? "." : "; допустимо: " + String.join(", ", allowed) + ".")));
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Неверный запрос";
            case 401 -> "Нужна авторизация";
            case 403 -> "Недостаточно прав";
            case 404 -> "Не найдено";
            case 405 -> "Метод не поддерживается";
            case 408 -> "Запрос не пришёл вовремя";
            case 411 -> "Не указана длина запроса";
            case 413 -> "Слишком большой запрос";
            case 414 -> "Слишком длинный адрес";
            case 415 -> "Неподдерживаемый тип содержимого";
            case 431 -> "Слишком большие заголовки";
            case 500 -> "Внутренняя ошибка";
            case 501 -> "Не поддерживается";
            case 503 -> "Сервис недоступен";
            case 505 -> "Версия HTTP не поддерживается";
            default -> status < 500 ? "Ошибка запроса" : "Ошибка сервера";
        };
    }

    static String detail(int status, String what) {
        return switch (status) {
            case 400 -> "Запрос не разбирается" + (what == null ? "" : " (" + what + ")")
                    + ": проверьте адрес (символ % в нём допустим только как %XX с двумя шестнадцатеричными цифрами) и заголовки.";
            case 404 -> "Нет ресурса " + what + ".";
            case 408 -> "Запрос передавался слишком долго; повторите его.";
            case 411 -> "Укажите длину тела запроса (заголовок Content-Length).";
            case 413 -> "Тело запроса больше допустимых " + ApiServer.MAX_BODY_BYTES + " байт (1 МиБ).";
            case 414 -> "Адрес запроса длиннее допустимых 8 КиБ; параметры такой длины API не принимает.";
            case 431 -> "Заголовки запроса больше допустимых 8 КиБ.";
            case 500 -> "Сбой на стороне сервера.";
            case 505 -> "Сервер принимает HTTP/1.1.";
            default -> "Запрос не выполнен (код " + status + ").";
        };
    }

    private static byte[] problemBytes(int status, String what) {
        try {
            return Json.mapper().writeValueAsBytes(Problem.of(status, title(status), detail(status, what)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jetty's own error answers (before or outside Javalin) as problem+json instead of ISO-8859-1 HTML. */
    static final class JettyProblems extends ErrorHandler {
        private static final String TYPE = Problem.CONTENT_TYPE + "; charset=utf-8";

        JettyProblems() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() < 400 ? 500 : response.getStatus();
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPE);
            response.getHeaders().put(ERROR_CACHE_CONTROL);
            byte[] body = problemBytes(status, status == 404 || status == 400 ? request.getMethod() + " " + request.getHttpURI().getPath() : null);
            if (HandlerType.HEAD.name().equals(request.getMethod())) body = new byte[0];
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }

        /** Errors found while parsing the request (414, 431, a malformed request line): no request exists yet. */
        @Override public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(new HttpField(HttpHeader.CONTENT_TYPE, TYPE));
            return ByteBuffer.wrap(problemBytes(status, null));
        }
    }
}
