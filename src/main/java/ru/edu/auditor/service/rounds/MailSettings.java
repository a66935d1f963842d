package ru.edu.auditor.service.rounds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The installation's mail server for reminders (AUDITOR_SMTP_HOST, AUDITOR_SMTP_PORT, AUDITOR_SMTP_FROM,
 * AUDITOR_SMTP_USER, AUDITOR_SMTP_PASSWORD, AUDITOR_SMTP_STARTTLS). Without AUDITOR_SMTP_HOST nothing is sent, and
 * the pages say so. {@code startTls}: upgrade the connection with STARTTLS — required when a user signs in, so a
 * password never crosses the network in clear text.
 */
public record MailSettings(String host, int port, String from, String user, String password, boolean startTls) {
    /** The settings of {@code env}, or null when AUDITOR_SMTP_HOST is not set; a wrong value is refused in Russian, every one named. */
    public static MailSettings fromEnv(Map<String, String> env) {
        String host = blankToNull(env.get("AUDITOR_SMTP_HOST"));
        if (host == null) return null;
        List<String> problems = new ArrayList<>();
        int port = 25;
        String p = blankToNull(env.get("AUDITOR_SMTP_PORT"));
        if (p != null) {
            try {
                port = Integer.parseInt(p.strip());
                if (port < 1 || port > 65535) problems.add("AUDITOR_SMTP_PORT: номер порта от 1 до 65535, а задано " + p);
            } catch (NumberFormatException e) {
                problems.add("AUDITOR_SMTP_PORT: ожидается номер порта, а задано «" + p + "»");
            }
        }
        String from = blankToNull(env.get("AUDITOR_SMTP_FROM"));
        if (from == null) problems.add("AUDITOR_SMTP_FROM: не задан адрес отправителя напоминаний");
        else if (!from.contains("@")) problems.add("AUDITOR_SMTP_FROM: «" + from + "» — не адрес электронной почты");
        String user = blankToNull(env.get("AUDITOR_SMTP_USER"));
        String password = env.get("AUDITOR_SMTP_PASSWORD");
        if (user != null && blankToNull(password) == null) problems.add("AUDITOR_SMTP_PASSWORD: задан пользователь AUDITOR_SMTP_USER, но не задан пароль");
        String tls = blankToNull(env.get("AUDITOR_SMTP_STARTTLS"));
        boolean startTls = user != null;
        if (tls != null) {
            switch (tls.strip().toLowerCase()) {
                case "true", "yes", "да", "1" -> startTls = true;
                case "false", "no", "нет", "0" -> startTls = false;
                default -> problems.add("AUDITOR_SMTP_STARTTLS: ожидается true или false, а задано «" + tls + "»");
            }
        }
        if (user != null && !startTls) problems.add("AUDITOR_SMTP_STARTTLS: с паролем почтовый сервер подключается только через STARTTLS");
        if (!problems.isEmpty()) throw new IllegalArgumentException("Почта для напоминаний настроена с ошибками: " + String.join("; ", problems) + ".");
        return new MailSettings(host.strip(), port, from.strip(), user, password, startTls);
    }

    /** «smtp.example.ru:587, отправитель monitoring@example.ru» (no password). */
    public String inWords() { return host + ":" + port + ", отправитель " + from; }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    @Override public String toString() { return "MailSettings[" + inWords() + "]"; }
}
