package ru.edu.auditor.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;

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
        if (rawPath != null && encodedControl(rawPath)) {
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
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) != Character.CONTROL) continue;
            if (form && (c == '\n' || c == '\r' || c == '\t')) continue;
            String name = c == 0 ? "нулевой символ NUL" : c == 0x1B ? "символ ESC" : c == '\n' || c == '\r' ? "перевод строки"
                    : c == '\t' ? "табуляция" : "символ";
            return "недопустимый управляющий символ (" + name + String.format(" U+%04X", (int) c) + ") в позиции " + (i + 1)
                    + (form ? ": такой символ не вводится с клавиатуры" : ": параметр — текст в одну строку без управляющих символов");
        }
        return null;
    }

    /** A percent-encoded C0 control, DEL or C1 control (%00–%1F, %7F, %C2%80–%C2%9F) in the raw path. */
    private static boolean encodedControl(String raw) {
        String s = raw.toUpperCase(Locale.ROOT);
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < s.length(); i = s.indexOf('%', i + 1)) {
            int b = Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16);
            if (b >= 0 && (b < 0x20 || b == 0x7F)) return true;
            if (b == 0xC2 && i + 5 < s.length() && s.charAt(i + 3) == '%') {
                int n = Character.digit(s.charAt(i + 4), 16) * 16 + Character.digit(s.charAt(i + 5), 16);
                if (n >= 0x80 && n <= 0x9F) return true;
            }
        }
        return false;
    }
}
