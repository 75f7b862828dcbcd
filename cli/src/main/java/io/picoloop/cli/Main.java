package io.picoloop.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/** Entry point of the {@code picoloop} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Terminal terminal = Terminal.system();
        System.exit(run(terminal.out(), terminal.err(), args));
    }

    /** Runs a command line with the given output and error streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli would print, without building a command line model for it (start-up time)
            try {
                for (String line : new VersionProvider().getVersion()) {
                    out.println(line);
                }
                out.flush();
                return 0;
            } catch (Exception e) {
                // picocli reports it, below
            }
        }
        CommandLine top = commandLine(new PicoloopCommand(), commandsFor(args), out, err);
        top.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        return top.execute(args);
    }

    /**
     * A command line as picoloop parses them: its number converters, one-line failures, exit codes
     * (mapped from failures, listed in the help), and these streams.
     */
    static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        return commandLine(command, List.of(), out, err);
    }

    private static CommandLine commandLine(Object command, List<Class<?>> subcommands, PrintWriter out, PrintWriter err) {
        FailureReporter reporter = new FailureReporter();
        CommandLine line = new CommandLine(command);
        // before the subcommands: they inherit it (PicoloopCommand's scope) as they are added
        line.getCommandSpec().usageMessage().exitCodeListHeading(ExitCode.HEADING).exitCodeList(ExitCode.helpList());
        for (Class<?> sub : subcommands) {
            line.addSubcommand(sub);     // before the settings below: picocli passes them on to existing subcommands only
        }
        return line
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Long.class, Main::wholeNumber)
                .registerConverter(Long.TYPE, Main::wholeNumber)
                .registerConverter(Integer.class, Main::wholeInt)
                .registerConverter(Integer.TYPE, Main::wholeInt)
                .setExecutionStrategy(Main::execute)
                .setExitCodeExceptionMapper(ExitCode::of)
                .setParameterExceptionHandler(reporter)
                .setExecutionExceptionHandler(reporter)
                .setOut(out)
                .setErr(err);
    }

    /**
     * The top help's list of commands, each with the first sentence of its description: picocli's
     * own list shows a description's first line only, which cuts a sentence that goes on.
     */
    private static String commandList(Help help) {
        Map<String, Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int nameWidth = commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int width = help.commandSpec().usageMessage().width();
        Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                new Help.Column(nameWidth + 2, 2, Help.Column.Overflow.SPAN),
                new Help.Column(width - nameWidth - 2, 2, Help.Column.Overflow.WRAP));
        commands.forEach((name, sub) -> table.addRowValues(name, firstSentence(sub.commandSpec().usageMessage().description())));
        return table.toString();
    }

    private static String firstSentence(String[] lines) {
        StringBuilder sentence = new StringBuilder();
        for (String line : lines) {
            sentence.append(sentence.isEmpty() ? "" : " ").append(line.strip());
            if (line.strip().endsWith(".")) {
                break;
            }
        }
        return sentence.toString();
    }

    /**
     * The subcommand named first on the command line, or all of them (for the help, a mistyped name,
     * none): picocli builds a command's model by reflection, about 20 ms each at start-up.
     */
    static List<Class<?>> commandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> command : PicoloopCommand.COMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(command);
                }
            }
        }
        return PicoloopCommand.COMMANDS;
    }

    /**
     * picocli's usual run of the last command, except that a command that only groups others
     * ({@code picoloop}, {@code picoloop demo}) given without one is a usage error: exit 2 and one
     * line naming the commands, as for any other incomplete command line. {@code --help} still
     * prints the usage, and exits 0.
     */
    private static int execute(ParseResult parseResult) {
        Integer help = CommandLine.executeHelpRequest(parseResult);
        if (help != null) {
            return help;
        }
        ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandLine group = last.commandSpec().commandLine();
        if (!group.getSubcommands().isEmpty()) {
            List<String> names = List.copyOf(group.getSubcommands().keySet());
            String after = last.commandSpec().parent() == null ? "" : " after " + last.commandSpec().name();
            throw new ParameterException(group, "missing command" + after + ": " + FailureReporter.orList(names));
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /**
     * A number option as people type it: picocli's own converter says "is not a long" (Java's word)
     * and "is not an int"; this says what is wrong in plain words. The command checks its range.
     */
    private static long wholeNumber(String value) {
        String digits = value.strip();
        if (!digits.matches("[+-]?[0-9]+")) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too " + (digits.startsWith("-") ? "small" : "big"));
        }
    }

    private static int wholeInt(String value) {
        long n = wholeNumber(value);
        if (n != (int) n) {
            throw new TypeConversionException("'" + value + "' is too " + (n < 0 ? "small" : "big"));
        }
        return (int) n;
    }
}
