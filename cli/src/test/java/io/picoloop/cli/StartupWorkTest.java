package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a start does not do: {@code --version} is answered without building picocli's model of the
 * command line, and a command line naming a command builds that command's model only (each is built
 * by reflection at every start). Neither changes what the user sees.
 */
class StartupWorkTest {

    @Test
    void theVersionIsWhatPicocliWouldPrint() {
        StringWriter picocli = new StringWriter();
        new CommandLine(new PicoloopCommand()).printVersionHelp(new PrintWriter(picocli, true));
        for (String option : List.of("--version", "-V")) {
            CliRun run = CliRun.of(option);
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(picocli.toString(), run.out(), option);
            assertEquals("", run.err());
        }
    }

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertEquals(List.of(BlinkCommand.class), Main.commandsFor(new String[] {"blink", "--sim"}));
        assertEquals(List.of(DemoCommand.class), Main.commandsFor(new String[] {"demo", "reaction"}));
        // the help lists them all; a mistyped name gets picocli's suggestion among them all
        assertEquals(PicoloopCommand.COMMANDS, Main.commandsFor(new String[] {"--help"}));
        assertEquals(PicoloopCommand.COMMANDS, Main.commandsFor(new String[] {"blnk"}));
        assertEquals(PicoloopCommand.COMMANDS, Main.commandsFor(new String[0]));
        CliRun typo = CliRun.of("blnk");
        assertEquals("picoloop: Unmatched argument at index 0: 'blnk' (did you mean blink?); see picoloop --help", typo.err().strip());
        String help = CliRun.of("--help").out();
        for (String name : List.of("blink", "watch", "demo", "ports")) {
            assertEquals(true, help.contains("\n  " + name + " "), name + " in " + help);
        }
    }
}
