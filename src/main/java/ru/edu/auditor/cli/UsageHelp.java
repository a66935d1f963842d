package ru.edu.auditor.cli;

import java.util.Map;
import java.util.ResourceBundle;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * The help every command prints ({@code --help}): picocli's fixed words in Russian from the bundle
 * {@code ru/edu/auditor/cli/Usage.properties} («Использование:», «Показать эту справку и выйти.», headings),
 * 120 columns wide (or the terminal's width when picocli can tell it), so the Russian descriptions — written as
 * lines of at most about 110 characters — are not broken in the middle of a phrase. The list of commands shows
 * each command's one-line {@code summary.<command>} from the bundle.
 */
public final class UsageHelp {
    public static final String BUNDLE = "ru.edu.auditor.cli.Usage";
    public static final int WIDTH = 120;

    private UsageHelp() { }

    /** Applies the bundle and the width to {@code cmd} and all its subcommands. */
    public static CommandLine install(CommandLine cmd) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE);
        apply(cmd, bundle);
        return cmd;
    }

    /** The commands, one line each: the bundle's summary, or the first line of the description. */
    static String commandList(Help help, ResourceBundle bundle) {
        Map<String, Help> subs = help.subcommands();
        if (subs.isEmpty()) return "";
        int width = subs.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            CommandLine.Model.CommandSpec spec = e.getValue().commandSpec();
            if (spec.usageMessage().hidden()) continue;
            String key = "summary." + spec.name();
            String[] description = spec.usageMessage().description();
            String summary = bundle.containsKey(key) ? bundle.getString(key) : description.length > 0 ? description[0] : "";
            out.append("  ").append(e.getKey()).append(" ".repeat(width - e.getKey().length() + 2)).append(summary).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static void apply(CommandLine cmd, ResourceBundle bundle) {
        cmd.setResourceBundle(bundle);
        cmd.setUsageHelpWidth(WIDTH);
        cmd.setUsageHelpAutoWidth(true);
        if (!cmd.getSubcommands().isEmpty()) cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, h -> commandList(h, bundle));
        for (CommandLine sub : cmd.getSubcommands().values()) apply(sub, bundle);
    }
}
