package ru.edu.auditor.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.text.ControlCharacters;

/**
 * One check of every request's parameters before any route reads them, for the API and the workspace alike: a
 * control character (NUL, which PostgreSQL text cannot hold and file paths refuse; ESC; DEL; the C1 controls) in
 * a query parameter or a field of a form body is a 400 in Russian naming the parameter — never a 500 from the
 * store or the file system. Query parameters are one line each, so line breaks and tabs are refused too; a form
 * field may hold them (a table pasted into a text area), and whatever reads it judges them.
 */
final class RequestParameters {
    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestParameters() { }

    static void install(JavalinConfig config) {
        config.routes.before(RequestParameters::check);
    }

    private static void check(Context ctx) {
        List<FieldProblem> errors = new ArrayList<>();
        String rawPath = ctx.req().getRequestURI();
        if (rawPath != null && ControlCharacters.encodedInPath(rawPath)) {
            errors.add(new FieldProblem("path", "в адресе закодирован управляющий символ (например, %00): такого адреса нет", "forbidden-character"));
        }
        collect(ctx.queryParamMap(), false, errors);
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) collect(ctx.formParamMap(), true, errors);
        if (errors.isEmpty()) return;
        ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                "Найдено ошибок: " + errors.size() + ". Каждая указана с именем параметра или поля формы.", errors));
        ctx.skipRemainingHandlers();
    }

    private static void collect(Map<String, List<String>> params, boolean form, List<FieldProblem> errors) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String why = control(p.getKey(), form);
            for (String v : p.getValue()) {
                if (why == null) why = control(v, form);
            }
            if (why != null) errors.add(new FieldProblem(p.getKey(), why, "forbidden-character"));
        }
    }

    /** Why {@code s} holds a character no parameter may, or null. {@code form}: line breaks and tabs allowed. */
    static String control(String s, boolean form) {
        ControlCharacters.Found f = ControlCharacters.find(s, form);
        if (f == null) return null;
        return "недопустимый управляющий символ (" + f.described() + ") в позиции " + f.position()
                + (form ? ": такой символ не вводится с клавиатуры" : ": параметр — текст в одну строку без управляющих символов");
    }
}
