package ru.edu.auditor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.facts.Json;

/**
 * The API contract: the OpenAPI 3.1 document kept in {@code src/main/resources/openapi/openapi.yaml}, with the facts
 * schema (the one GET /api/v1/schema serves, generated from the same resource the validator uses) placed under
 * {@code components.schemas.AuditFacts}; served as JSON at {@code GET /api/v1/openapi.json}, and Swagger UI from the
 * org.webjars:swagger-ui jar at {@code /api/docs} (no CDN). Both are public: they hold no data.
 */
public final class OpenApi {
    public static final String RESOURCE = "/openapi/openapi.yaml";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** The Swagger UI files /api/docs serves; nothing else of the class path is reachable. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String PAGE = """
            <!doctype html>
            <html lang="ru">
            <head>
              <meta charset="utf-8">
              <title>API аудитора — OpenAPI</title>
              <link rel="stylesheet" href="/api/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/api/docs/swagger-ui-bundle.js"></script>
              <script src="/api/docs/init.js"></script>
            </body>
            </html>
            """;
    private static final String INIT = "window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n";

    private static volatile byte[] json;

    private OpenApi() { }

    /** The document as served: the YAML resource with the facts schema in components. */
    public static JsonNode document() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("OpenAPI document missing: " + RESOURCE);
            ObjectNode doc = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(in);
            ObjectNode facts = FactPaths.schema().deepCopy();
            ((ObjectNode) doc.with("components").with("schemas")).set("AuditFacts", facts);
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json() throws IOException {
        byte[] b = json;
        if (b == null) json = b = Json.mapper().writeValueAsBytes(document());
        return b;
    }

    static void register(JavalinConfig config) {
        config.routes.get("/api/v1/openapi.json", ctx -> ctx.status(200).contentType("application/json; charset=utf-8").result(json()));
        config.routes.get("/api/docs", ctx -> {
            // a page like every workspace page: never framed by another site (clickjacking), never sniffed
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.status(200).contentType("text/html; charset=utf-8").result(PAGE);
        });
        config.routes.get("/api/docs/init.js", ctx -> ctx.status(200).contentType("text/javascript; charset=utf-8").result(INIT));
        config.routes.get("/api/docs/{file}", OpenApi::asset);
    }

    private static void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        InputStream in = type == null ? null : OpenApi.class.getResourceAsStream(WEBJAR + version() + "/" + file);
        if (in == null) {
            ApiServer.problem(ctx, Problem.of(404, "Не найдено", "Нет файла /api/docs/" + file + "."));
            return;
        }
        try (in) {
            ctx.status(200).contentType(type).header("Cache-Control", "public, max-age=86400").result(in.readAllBytes());
        }
    }

    /** The Swagger UI version bundled (from the webjar's own Maven properties). */
    static String version() throws IOException {
        try (InputStream in = OpenApi.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) throw new IOException("swagger-ui webjar missing");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
