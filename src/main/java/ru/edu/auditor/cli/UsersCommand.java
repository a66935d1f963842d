package ru.edu.auditor.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.StoreServices;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.text.Fmt;

/**
 * {@code users add|list|disable|enable|reset-password}: accounts for scripted set-up, in the store serve uses. Every
 * change goes to the change record as made by «командная строка» (the operator at the server's terminal).
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Учётные записи людей, которые входят в аудитор: создать, показать список, отключить, включить, сбросить пароль.",
                "Изменения попадают в журнал изменений от имени «командная строка».",
                "Коды выхода: 0 — выполнено; 2 — неверный вызов; 3 — неверные данные или хранилище недоступно."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class, UsersCommand.Enable.class,
                UsersCommand.Reset.class})
public final class UsersCommand implements Callable<Integer> {
    /** Who the change record names for changes made here. */
    static final String ACTOR = "командная строка";

    @Override public Integer call() {
        System.err.println("Укажите действие: add, list, disable, enable или reset-password (справка: users --help).");
        return ExitCodes.USAGE;
    }

    /** {@code users add}: a new account; the password from the standard input, or generated and printed once. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Создать учётную запись.", "Пароль читается из стандартного ввода (--password-stdin) или создаётся случайный",
                    "одноразовый: он печатается один раз, и при первом входе его нужно сменить."})
    static final class Add implements Callable<Integer> {
        @Mixin StoreOptions storeOptions = new StoreOptions();
        @Option(names = "--login", required = true, paramLabel = "ЛОГИН", description = "Логин (3–64 буквы, цифры и знаки . _ - @).")
        String login;
        @Option(names = "--name", required = true, paramLabel = "ИМЯ", description = "Имя, как его видят другие («Иванова Мария Петровна»).")
        String name;
        @Option(names = "--email", paramLabel = "АДРЕС", description = "Адрес электронной почты (для напоминаний), необязательно.")
        String email;
        @Option(names = "--role", required = true, paramLabel = "РОЛЬ", description = "school, auditor, rule-author или admin.")
        String role;
        @Option(names = "--scope", defaultValue = "everything", paramLabel = "ОБЛАСТЬ",
                description = "everything (вся установка, по умолчанию), region, municipality или organization.")
        String scope;
        @Option(names = "--scope-value", paramLabel = "ЗНАЧЕНИЕ", description = "Регион, муниципалитет или ключ организации для --scope.")
        String scopeValue;
        @Option(names = "--password-stdin", description = "Прочитать пароль из первой строки стандартного ввода.")
        boolean passwordStdin;

        @Override public Integer call() throws IOException {
            String password = null;
            if (passwordStdin) {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (password == null) {
                    System.err.println("Ошибка: стандартный ввод пуст, пароль не прочитан.");
                    return ExitCodes.INVALID_INPUT;
                }
            }
            StoreServices opened = storeOptions.openOrReport();
            if (opened == null) return ExitCodes.INVALID_INPUT;
            try {
                Accounts.Outcome o = opened.accounts().create(new Accounts.NewAccount(login, name, email, role, scope, scopeValue, password), ACTOR);
                if (!o.ok()) return problems("Учётная запись не создана", o.problems());
                System.out.println("Создана учётная запись «" + o.account().login() + "» (" + o.account().displayName() + "): роль «"
                        + o.account().role().label() + "», " + o.account().scope().inWords() + ".");
                if (o.oneTimePassword() != null) {
                    System.out.println("Одноразовый пароль (показан один раз, при первом входе его нужно сменить): " + o.oneTimePassword());
                }
                return ExitCodes.OK;
            } finally {
                StoreOptions.close(opened);
            }
        }
    }

    /** {@code users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Показать учётные записи.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin StoreOptions storeOptions = new StoreOptions();

        @Override public Integer call() {
            StoreServices opened = storeOptions.openOrReport();
            if (opened == null) return ExitCodes.INVALID_INPUT;
            try {
                List<Accounts.Account> all = opened.accounts().list();
                if (all.isEmpty()) {
                    System.out.println("Учётных записей нет: вход — по токену администратора из файла admin.token в папке данных.");
                    return ExitCodes.OK;
                }
                System.out.println(Fmt.format("%-24s %-32s %-12s %-40s %s", "Логин", "Имя", "Роль", "Область", "Состояние"));
                for (Accounts.Account a : all) {
                    System.out.println(Fmt.format("%-24s %-32s %-12s %-40s %s", a.login(), a.displayName(), a.role().label(), a.scope().inWords(),
                            a.disabled() ? "отключена" : a.mustChangePassword() ? "ждёт смены пароля" : "действует"));
                }
                return ExitCodes.OK;
            } finally {
                StoreOptions.close(opened);
            }
        }
    }

    /** {@code users disable LOGIN}. */
    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Отключить учётную запись: её сеансы и личные токены перестают действовать.")
    static final class Disable implements Callable<Integer> {
        @Mixin StoreOptions storeOptions = new StoreOptions();
        @Parameters(index = "0", paramLabel = "ЛОГИН") String login;

        @Override public Integer call() { return setDisabled(storeOptions, login, true); }
    }

    /** {@code users enable LOGIN}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Снова включить отключённую учётную запись.")
    static final class Enable implements Callable<Integer> {
        @Mixin StoreOptions storeOptions = new StoreOptions();
        @Parameters(index = "0", paramLabel = "ЛОГИН") String login;

        @Override public Integer call() { return setDisabled(storeOptions, login, false); }
    }

    /** {@code users reset-password LOGIN}. */
    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = {"Выдать новый одноразовый пароль.", "Он печатается один раз, при входе его нужно сменить; сеансы учётной записи завершаются."})
    static final class Reset implements Callable<Integer> {
        @Mixin StoreOptions storeOptions = new StoreOptions();
        @Parameters(index = "0", paramLabel = "ЛОГИН") String login;

        @Override public Integer call() {
            StoreServices opened = storeOptions.openOrReport();
            if (opened == null) return ExitCodes.INVALID_INPUT;
            try {
                Accounts.Outcome o = opened.accounts().resetPassword(login, ACTOR).orElse(null);
                if (o == null) return noAccount(login);
                System.out.println("Одноразовый пароль «" + o.account().login() + "» (показан один раз, при входе его нужно сменить): " + o.oneTimePassword());
                return ExitCodes.OK;
            } finally {
                StoreOptions.close(opened);
            }
        }
    }

    private static int setDisabled(StoreOptions storeOptions, String login, boolean disabled) {
        StoreServices opened = storeOptions.openOrReport();
        if (opened == null) return ExitCodes.INVALID_INPUT;
        try {
            Accounts.Outcome o = opened.accounts().change(login, new Accounts.Change(null, null, null, null, null, disabled), ACTOR).orElse(null);
            if (o == null) return noAccount(login);
            System.out.println("Учётная запись «" + o.account().login() + "» " + (disabled ? "отключена." : "включена."));
            return ExitCodes.OK;
        } finally {
            StoreOptions.close(opened);
        }
    }

    private static int noAccount(String login) {
        System.err.println("Ошибка: учётной записи «" + login + "» нет (список: users list).");
        return ExitCodes.INVALID_INPUT;
    }

    private static int problems(String title, List<FieldProblem> problems) {
        System.err.println(title + ":");
        for (FieldProblem p : problems) System.err.println("  " + option(p.path()) + ": " + p.message());
        return ExitCodes.INVALID_INPUT;
    }

    /** The option a problem's field came from, as the person typed it. */
    private static String option(String path) {
        return switch (path) {
            case "$.login" -> "--login";
            case "$.displayName" -> "--name";
            case "$.email" -> "--email";
            case "$.role" -> "--role";
            case "$.scope.kind" -> "--scope";
            case "$.scope.value" -> "--scope-value";
            case "$.password" -> "пароль";
            default -> "учётная запись";
        };
    }
}
