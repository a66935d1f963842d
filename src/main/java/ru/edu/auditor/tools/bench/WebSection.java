package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import io.javalin.Javalin;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.edu.auditor.assembly.ServerAssembly;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.access.Tokens;

/**
 * (w) The workspace's pages under the history of a school audited {@link #AUDITS} times: the server's answer time
 * of each page (p50, p95) over the loopback, one request at a time, on an in-process server ({@link ServerAssembly}, as {@code serve} builds it) with an SQLite store —
 * the organization list, the organization's page (chart and matrix over its audits), its latest report, the audit
 * form prefilled from it, the district view, the decree list and a decree page.
 */
final class WebSection implements BenchSection {
    /** Audits of the measured school. */
    static final int AUDITS = 50;

    @Override public String id() { return "web"; }

    @Override public void run(Bench bench) throws Exception {
        String token = "bench-web-" + bench.secret;
        ServerAssembly server = ServerAssembly.build(new ServerAssembly.Options(bench.rules.dir(), bench.rules, Tokens.parse("bench:admin:" + token),
                ServerAssembly.Storage.configured(null, bench.work.resolve("web-sqlite"), Map.of()), false));
        Javalin app = server.start("127.0.0.1", 0);
        AuditService audits = server.audits();
        try {
            bench.progress.println("(w) рабочее место: " + AUDITS + " проверок одной школы ...");
            AuditService.Outcome last = null;
            for (int w = 0; w < AUDITS; w++) {
                last = audits.audit(bench.docs.week("WEB-SCHOOL", w), ru.edu.auditor.service.access.Tokens.Principal.operator("bench"));
                if (!last.ok()) throw new IllegalStateException("document invalid: " + last.problems());
            }
            String key = last.report().organizationKey();
            String municipality = last.report().organization().getMunicipality();
            String base = "http://127.0.0.1:" + app.port();
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            signIn(client, base, token);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("организации", "/organizations");
            pages.put("страница организации", "/organizations/" + enc(key));
            pages.put("отчёт", "/reports/" + last.report().decisionId());
            pages.put("форма, заполненная последней проверкой", "/audits/new?org=" + enc(key));
            pages.put("район", "/district?municipality=" + enc(municipality) + "&asOf=" + last.report().asOf());
            pages.put("решения", "/decrees");
            pages.put("страница решения", "/decrees/" + bench.rules.catalog().decrees().get(0).id());
            int rounds = bench.options.quick ? 30 : 100;
            List<String> lines = new ArrayList<>();
            for (Entry<String, String> p : pages.entrySet()) {
                for (int i = 0; i < 10; i++) get(client, base + p.getValue()); // warm
                double[] ms = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    get(client, base + p.getValue());
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                lines.add(Fmt.format("%s — p50 %.1f мс, p95 %.1f мс", p.getKey(), ms[rounds / 2], ms[(int) Math.ceil(rounds * 0.95) - 1]));
            }
            bench.ratio("(w) рабочее место, школа с " + AUDITS + " проверками: время ответа страниц", String.join("; ", lines));
            bench.detail(Fmt.format("(w) Сервер в процессе бенчмарка (SQLite), по %,d запросов каждой страницы подряд после 10 прогревочных, "
                    + "одно соединение, время от запроса до полного ответа на 127.0.0.1.", rounds));
        } finally {
            server.close();
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private static void signIn(HttpClient client, String base, String token) throws Exception {
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"loginToken\" value=\"([^\"]+)\"").matcher(login);
        if (!m.find()) throw new IllegalStateException("no sign-in form");
        String form = "loginToken=" + enc(m.group(1)) + "&token=" + enc(token) + "&next=%2F";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) throw new IllegalStateException("sign-in refused: " + r.statusCode());
    }

    private static void get(HttpClient client, String url) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode());
    }
}
