package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.edu.auditor.cli.CliErrorsTest.FIXTURE;
import static ru.edu.auditor.cli.CliErrorsTest.assertRussianLine;
import static ru.edu.auditor.cli.CliErrorsTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ru.edu.auditor.App;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.tools.Tools;
import ru.edu.auditor.tools.generate.FactsGenerator;

/** The first things a new user sees: help in Russian that does not break mid-phrase, quiet offline commands, missing files named. */
class CliUsageTest {
    @TempDir Path tmp;

    @Test
    void helpOfEveryCommandIsRussianAndFitsItsWidth() {
        List<String> commands = new ArrayList<>(List.of(""));
        App.commandLine().getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) commands.add(name);
        });
        assertTrue(commands.containsAll(List.of("serve", "audit", "audit-batch", "validate", "test")), commands.toString());
        commands.addAll(Tools.COMMANDS); // the tools' help, as ./auditor bench --help and ./auditor generate --help print it
        for (String c : commands) {
            CliErrorsTest.Run r = c.isEmpty() ? run("--help") : run(c, "--help");
            String help = r.out();
            assertEquals(0, r.exit(), c + ": " + r.err());
            assertTrue(help.startsWith("Использование: decree-auditor"), c + ":\n" + help);
            assertTrue(help.contains("Показать эту справку и выйти."), c + ":\n" + help);
            for (String english : List.of("Usage:", "Show this help", "Print version", "Commands:", "[COMMAND]", "Default:")) {
                assertFalse(help.contains(english), "«" + english + "» in the help of " + c + ":\n" + help);
            }
            for (String line : help.lines().toList()) {
                assertTrue(line.length() <= UsageHelp.WIDTH, c + ": a line longer than the help's width: " + line);
            }
        }
        String top = run("--help").out();
        assertTrue(top.contains("Команды:") && top.contains("Показать версию и выйти."), top);
        for (String line : top.lines().dropWhile(l -> !l.startsWith("Команды:")).skip(1).toList()) {
            assertTrue(line.strip().endsWith(".") || line.isBlank(), "a command's summary is one whole sentence: " + line);
        }
    }

    /** What a value stands for is said in Russian (ПАПКА, ФАЙЛ, ЧИСЛО), never picocli's {@code <rulesDir>} or a Latin name. */
    @Test
    void everyPlaceholderOfEveryCommandIsRussian() {
        List<CommandLine> all = new ArrayList<>(List.of(App.commandLine(), Tools.commandLine()));
        all.addAll(App.commandLine().getSubcommands().values());
        all.addAll(Tools.commandLine().getSubcommands().values());
        int values = 0;
        for (CommandLine c : all) {
            if (c.getCommandSpec().usageMessage().hidden()) continue; // bench-server: started by bench, not by a person
            List<CommandLine.Model.ArgSpec> args = new ArrayList<>(c.getCommandSpec().options());
            args.addAll(c.getCommandSpec().positionalParameters());
            for (CommandLine.Model.ArgSpec a : args) {
                if (a.arity().max() == 0 || a.hidden()) continue;
                values++;
                String label = a.paramLabel();
                boolean literalValues = label.contains("|"); // table|json: the values themselves, typed as shown
                assertTrue(literalValues || label.replace("JDBC-", "").matches("[А-ЯЁ][А-ЯЁ-]*"),
                        c.getCommandName() + " " + (a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : "") + ": «" + label + "»");
            }
            String help = c.getUsageMessage();
            assertFalse(help.matches("(?s).*<[A-Za-z]+>.*"), c.getCommandName() + ":\n" + help);
        }
        assertTrue(values > 20, "the commands' values were looked at: " + values);
    }

    /** «generate» says what it wrote, on stderr (its standard output may be the data itself). */
    @Test
    void generateSaysWhatItWrote() throws Exception {
        Path out = tmp.resolve("out/three.ndjson");
        CliErrorsTest.Run r = run("generate", "-n", "3", "--seed", "7", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Записаны 3 организации (NDJSON, зерно 7) в " + out + "."),
                r.err().lines().filter(l -> !CliErrorsTest.LOG_LINE.matcher(l).matches()).toList());
        assertEquals(3, Files.readAllLines(out).size());
        CliErrorsTest.Run one = run("generate", "-n", "1");
        assertTrue(one.err().contains("Записана 1 организация (NDJSON, зерно 1) в стандартный вывод."), one.err());
        assertEquals(1, one.out().lines().count());
    }

    /**
     * The benchmark and the generator are tools, not product commands: the product's command line does not know them,
     * its help points to them, and ./auditor starts the tools' entry point for exactly the commands the tools run.
     */
    @Test
    void theToolsAreNotProductCommands() throws Exception {
        assertEquals(Set.of("bench", "generate"), Tools.commandLine().getSubcommands().keySet());
        for (String tool : List.of("bench", "bench-server", "generate")) {
            assertFalse(App.commandLine().getSubcommands().containsKey(tool), tool + " is a command of the product");
            assertEquals(ExitCodes.USAGE, App.commandLine().execute(tool), tool + " is run by the product");
        }
        String top = run("--help").out();
        assertTrue(top.contains("./auditor bench") && top.contains("./auditor generate"), top);
        String script = Files.readString(Path.of("auditor"));
        assertTrue(script.contains("tools_main=" + Tools.class.getName()), "./auditor names the tools' entry point");
        Matcher dispatch = Pattern.compile("\\n\\s*([\\w|-]+)\\) exec java [^\\n]*\\$tools_main").matcher(script);
        assertTrue(dispatch.find(), "./auditor starts the tools' entry point");
        assertEquals(Tools.COMMANDS, Set.of(dispatch.group(1).split("\\|")), "./auditor starts the tools for the tools' commands");
        assertTrue(Tools.runs("generate", "-n", "1") && Tools.runs("bench", "--quick") && !Tools.runs("audit", "generate.json") && !Tools.runs());
    }

    @Test
    void aMissingFileIsNamedAsMissing() {
        assertRussianLine(run("audit", "fixtures/no-such-school.json"), ExitCodes.INVALID_INPUT, "файл не найден", "no-such-school.json");
        assertRussianLine(run("audit-batch", tmp.resolve("region.ndjson").toString()), ExitCodes.INVALID_INPUT, "файл не найден", "region.ndjson");
        assertRussianLine(run("audit", "fixtures"), ExitCodes.INVALID_INPUT, "папка");
    }

    @Test
    void aFileThatIsNotJsonSaysWhereItBreaks() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\n  \"organization\": ,\n}");
        assertRussianLine(run("audit", bad.toString()), ExitCodes.INVALID_INPUT, "не читается как JSON", "строке 2");
    }

    @Test
    void aDateThatIsNotInTheCalendarIsAWrongDate() {
        CliErrorsTest.Run r = run("audit", FIXTURE, "--as-of", "2023-02-30");
        assertRussianLine(r, ExitCodes.USAGE, "неверная дата", "«2023-02-30»");
        assertFalse(r.err().contains("DateTime") || r.err().contains("Exception"), r.err());
    }

    @Test
    void offlineCommandsLogWarningsOnlyUnlessVerbose() {
        assertEquals("warn", LogLevels.levelFor(new String[] {"audit", "x.json"}));
        assertEquals("warn", LogLevels.levelFor(new String[] {"audit-batch", "--format", "csv", "x.ndjson"}));
        assertEquals("warn", LogLevels.levelFor(new String[] {"generate", "-n", "5"}));
        assertNull(LogLevels.levelFor(new String[] {"audit", "-v", "x.json"}));
        assertNull(LogLevels.levelFor(new String[] {"audit-batch", "x.ndjson", "--verbose"}));
        assertNull(LogLevels.levelFor(new String[] {"serve"}));
        assertNull(LogLevels.levelFor(new String[] {}));
        assertEquals(0, new CommandLine(new AuditCommand()).parseArgs(FIXTURE, "-v").errors().size(), "-v is an option of audit");
    }

    /** The jar's way: a fresh JVM, as the user runs it — stderr carries the Russian summary and nothing else. */
    @Test
    void auditBatchWithTheStorePrintsOnlyItsSummary() throws Exception {
        Path ndjson = Files.writeString(tmp.resolve("two.ndjson"), new FactsGenerator(42, RuleSet.load(Path.of("rules"))).ndjson(3));
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), App.class.getName(), "audit-batch", ndjson.toString(), "--format", "csv",
                "--out", tmp.resolve("out/region.csv").toString(), "--store", "--data", tmp.resolve("data").toString()));
        pb.environment().remove("AUDITOR_DB_URL");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals(List.of("Строк: 3 (пустых: 0); проверено: 3; с ошибками в сведениях: 0; сохранено: 3"), err.lines().toList());
        assertTrue(Files.size(tmp.resolve("out/region.csv")) > 0, "--out creates its folder");
    }
}
