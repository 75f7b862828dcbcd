package io.picoloop.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/** Entry point of the {@code picoloop} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
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
        CommandLine top = new CommandLine(new PicoloopCommand());
        for (Class<?> command : commandsFor(args)) {
            top.addSubcommand(command);     // before the settings below: picocli passes them on to existing subcommands only
        }
        FailureReporter reporter = new FailureReporter();
        return top
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Long.class, Main::wholeNumber)
                .registerConverter(Long.TYPE, Main::wholeNumber)
                .registerConverter(Integer.class, Main::wholeInt)
                .registerConverter(Integer.TYPE, Main::wholeInt)
                .setExecutionStrategy(Main::execute)
                .setParameterExceptionHandler(reporter)
                .setExecutionExceptionHandler(reporter)
                .setOut(out)
                .setErr(err)
                .execute(args);
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
