package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.edu.auditor.text.ControlCharacters;

/**
 * A control character (NUL, ESC, DEL, a C1 control) in the address or the posted form of a workspace page is refused
 * with the workspace's own Russian error page (400) before any page runs — never a problem+json meant for programs,
 * never a 500 from the store or the file system. Runs before the API's own check of the same characters, which answers
 * the API's addresses ({@code /api/…}, {@code /health}) in problem+json.
 */
final class ControlCharacterRefusal {
    private static final String FORM = "application/x-www-form-urlencoded";

    private ControlCharacterRefusal() { }

    static void install(JavalinConfig config, Pages pages, Sessions sessions) {
        config.routes.before(ctx -> refuse(ctx, pages, sessions));
    }

    private static void refuse(Context ctx, Pages pages, Sessions sessions) throws IOException {
        String path = ctx.path();
        if (path.equals("/api") || path.startsWith("/api/") || path.equals("/health")) return; // the API's own addresses
        List<String> found = new ArrayList<>();
        String raw = ctx.req().getRequestURI();
        if (raw != null && ControlCharacters.encodedInPath(raw)) found.add("в адресе страницы закодирован управляющий символ (например, %00)");
        collect(ctx.queryParamMap(), false, "в адресе страницы", found);
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) collect(ctx.formParamMap(), true, "в отправленной форме", found);
        if (found.isEmpty()) return;
        pages.error(ctx, sessions.find(ctx).orElse(null), 400, "Неверный адрес или форма",
                (found.size() == 1 ? "Найдена ошибка: " : "Найдено ошибок: " + found.size() + ". ") + String.join("; ", found)
                + ". Такие символы не вводятся с клавиатуры: откройте страницу по ссылке рабочего места или отправьте форму заново.");
        ctx.skipRemainingHandlers();
    }

    /** One line per value with a control character: where it is, which character, at which position. */
    private static void collect(Map<String, List<String>> params, boolean multiline, String where, List<String> found) {
        for (List<String> values : params.values()) {
            for (String v : values) {
                ControlCharacters.Found f = ControlCharacters.find(v, multiline);
                if (f != null) found.add(where + " — недопустимый управляющий символ (" + f.described() + ") в позиции " + f.position() + " значения");
            }
        }
        for (String name : params.keySet()) {
            ControlCharacters.Found f = ControlCharacters.find(name, false);
            if (f != null) found.add(where + " — недопустимый управляющий символ (" + f.described() + ") в имени поля");
        }
    }
}
