package ru.edu.auditor.cli;

import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import ru.edu.auditor.text.Fmt;

/**
 * How every command fails: one clear Russian line (two at most) on stderr and the documented exit code —
 * never picocli's English messages, never a stack trace. Wrong usage (an unknown option, a missing file
 * argument, a date like 2023-02-30) exits {@link ExitCodes#USAGE}; an unreadable file {@link ExitCodes#INVALID_INPUT};
 * a server that cannot listen {@link ExitCodes#STARTUP_FAILED}; anything unexpected is logged with a reference
 * number and exits {@link ExitCodes#INTERNAL}.
 */
public final class CliErrors {
    private static final Logger log = LoggerFactory.getLogger(CliErrors.class);

    private CliErrors() { }

    /** Russian messages for usage errors and failures, and converters whose errors are Russian, on {@code cmd} and its subcommands. */
    public static CommandLine install(CommandLine cmd) {
        cmd.registerConverter(LocalDate.class, CliErrors::date);
        cmd.registerConverter(Integer.class, CliErrors::integer);
        cmd.registerConverter(int.class, CliErrors::integer);
        cmd.registerConverter(Long.class, CliErrors::longInteger);
        cmd.registerConverter(long.class, CliErrors::longInteger);
        UsageHelp.install(cmd);
        cmd.setParameterExceptionHandler(CliErrors::usage);
        cmd.setExecutionExceptionHandler((e, failed, parsed) -> failure(e, failed));
        return cmd;
    }

    /** A date as pages and workbooks write it (25.10.2023) or ISO (2023-10-25), on every command that takes one. */
    static LocalDate date(String s) {
        try {
            return Fmt.parseDate(s);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(Fmt.looksLikeDate(s) ? "неверная дата: такой даты нет в календаре"
                    : "неверная дата: ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, например 01.11.2023");
        }
    }

    static Integer integer(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("ожидается целое число");
        }
    }

    static Long longInteger(String s) {
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("ожидается целое число");
        }
    }

    private static int usage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("Ошибка: " + usageMessage(e));
        err.println("Справка: " + cmd.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return ExitCodes.USAGE;
    }

    static String usageMessage(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            List<String> suggestions = u.getSuggestions();
            String text = (first.startsWith("-") ? "неизвестный параметр «" : "лишний аргумент «") + first + "»";
            return suggestions.isEmpty() ? text : text + "; возможно, имелось в виду: " + String.join(", ", suggestions);
        }
        if (e instanceof CommandLine.MissingParameterException m) {
            List<String> names = m.getMissing().stream().map(CliErrors::name).toList();
            return (names.size() == 1 ? "не указан обязательный параметр " : "не указаны обязательные параметры ") + String.join(", ", names);
        }
        if (e instanceof CommandLine.OverwrittenOptionException o) {
            return "параметр " + name(o.getOverwritten()) + " указан больше одного раза";
        }
        if (e instanceof CommandLine.MaxValuesExceededException) return "слишком много значений у параметра";
        ArgSpec arg = e.getArgSpec();
        if (arg != null) {
            String reason;
            if (e.getCause() instanceof CommandLine.TypeConversionException t && isRussian(t.getMessage())) reason = t.getMessage();
            else if (arg.type().isEnum()) reason = "допустимо: " + Arrays.stream(arg.type().getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
            else if (e.getValue() == null) reason = "нужно значение";
            else reason = "значение не подходит";
            return "неверное значение параметра " + name(arg) + (e.getValue() == null ? "" : ": «" + e.getValue() + "»") + " — " + reason;
        }
        return "неверный вызов команды";
    }

    private static boolean isRussian(String s) {
        return s != null && s.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC);
    }

    private static String name(ArgSpec a) {
        if (a instanceof OptionSpec o) return o.longestName();
        if (a instanceof PositionalParamSpec p) return p.paramLabel();
        return String.valueOf(a.paramLabel());
    }

    private static int failure(Exception e, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        Throwable t = e;
        int code;
        String line;
        if (isStartupFailure(e)) {
            line = "сервер не запущен: адрес или порт уже занят (другим процессом или вторым экземпляром аудитора). Укажите другой: --port или AUDITOR_PORT";
            code = ExitCodes.STARTUP_FAILED;
        } else if (t instanceof NoSuchFileException f) {
            line = "файл или папка не найдены: " + f.getFile();
            code = ExitCodes.INVALID_INPUT;
        } else if (t instanceof AccessDeniedException f) {
            line = "нет доступа к файлу или папке: " + f.getFile();
            code = ExitCodes.INVALID_INPUT;
        } else if (t instanceof IOException io) {
            line = "ошибка чтения или записи: " + (io.getMessage() == null ? "нет подробностей" : io.getMessage());
            code = ExitCodes.INVALID_INPUT;
        } else {
            String id = UUID.randomUUID().toString();
            log.error("Command {} failed ({})", cmd.getCommandSpec().qualifiedName(), id, e);
            line = "внутренняя ошибка; номер для обращения: " + id + " (подробности — в журнале выше)";
            code = ExitCodes.INTERNAL;
        }
        err.println("Ошибка: " + line);
        err.flush();
        return code;
    }

    /** Whether a server could listen on {@code host:port} now (port 0: any free port, always). */
    public static boolean canListen(String host, int port) {
        if (port == 0) return true;
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty does: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The line {@code serve} prints when it cannot listen. */
    public static String cannotListen(String host, int port) {
        return "Ошибка: сервер не запущен — не удалось занять адрес " + host + ":" + port
                + " (порт занят другим процессом или вторым экземпляром аудитора, или адрес не принадлежит этой машине). "
                + "Укажите другой: --port / AUDITOR_PORT, --host / AUDITOR_HOST.";
    }

    /** A server that could not take its address: the port is in use, or the host is not this machine's (or not a host). */
    public static boolean isStartupFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JavalinBindException || t instanceof BindException || t instanceof UnresolvedAddressException) return true;
        }
        return false;
    }
}
