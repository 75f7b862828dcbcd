package io.picoloop.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.BridgeIdentity;
import io.picoloop.device.Pico;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.LineCollector;
import io.picoloop.protocol.Reply;
import io.picoloop.sim.SimulatedPico;
import io.picoloop.testing.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each board is described twice, once for the host ({@link BoardModel}) and once in the firmware
 * (bridge-firmware/bridge_board.py, run here under python3): the two must say the same, and the
 * {@code pins=} and {@code led=} of the firmware's and the simulator's {@code hello} must be the
 * description's (free pins, LED, ADC channels, PWM slices); the simulator refuses the pins, analog
 * inputs and PWM outputs the firmware refuses, in the same words.
 */
@Timeout(60)
class BoardModelAgreementTest {

    @Test
    void theFirmwareDescribesEachBoardAsTheHostDoes() throws Exception {
        List<String> firmware = describedByFirmware();
        List<String> host = new ArrayList<>();
        for (BoardModel m : BoardModel.values()) {
            host.addAll(describedByHost(m));
        }
        assertEquals(String.join("\n", host), String.join("\n", firmware.stream()
                .filter(l -> !l.startsWith("hello ") && !l.startsWith("refuse ") && !l.startsWith("do ")).toList()));
    }

    @Test
    void theFirmwaresHelloSaysItsBoardsPinsAndLed() throws Exception {
        List<String> hellos = describedByFirmware().stream().filter(l -> l.startsWith("hello ")).toList();
        assertEquals(BoardModel.values().length, hellos.size(), "one hello per model: " + hellos);
        for (int i = 0; i < hellos.size(); i++) {
            BoardModel m = BoardModel.values()[i];
            Reply reply = (Reply) LineCodec.decodeDeviceLine("1 " + hellos.get(i).substring("hello ".length()));
            assertAgrees(m, BridgeIdentity.fromHello(reply, "the firmware under python3"));
        }
    }

    @Test
    void theSimulatorsHelloSaysItsBoardsPinsAndLed() {
        for (BoardModel m : BoardModel.values()) {
            try (SimulatedPico sim = SimulatedPico.start(m);
                 Pico pico = Pico.connect(sim.transport())) {
                assertAgrees(m, pico.identity());
            }
        }
    }

    /** The pins a board keeps, analog inputs it has not, PWM outputs that would change another's. */
    @Test
    void theSimulatorRefusesPinsInTheFirmwaresWords() throws Exception {
        List<String> firmware = describedByFirmware();
        for (BoardModel m : BoardModel.values()) {
            List<String> requests = block(firmware, m).stream()
                    .filter(l -> l.startsWith("refuse ") || l.startsWith("do ")).toList();
            assertTrue(requests.size() > m.radioGpio().size(), "the firmware refused too little: " + requests);
            try (SimulatedPico sim = SimulatedPico.start(m)) {
                LineCollector device = new LineCollector();
                sim.transport().start(device);
                for (String line : requests) {
                    String[] f = line.split(" ", 2)[1].split("\\|", 2);
                    sim.transport().send("7 " + f[0]);
                    String reply = device.next();
                    while (reply.startsWith("!")) {
                        reply = device.next();
                    }
                    if (line.startsWith("do ")) {
                        assertTrue(reply.startsWith("7 ok"), m.name() + ": " + f[0] + " gave " + reply);
                    } else {
                        assertEquals("7 " + f[1], reply, m.name() + ": " + f[0]);
                    }
                }
            }
        }
    }

    /** The lines describe_boards.py printed for one model. */
    private static List<String> block(List<String> lines, BoardModel m) {
        int from = lines.indexOf("model " + m.machine());
        int to = from + 1;
        while (to < lines.size() && !lines.get(to).startsWith("model ")) {
            to++;
        }
        return lines.subList(from, to);
    }

    private static void assertAgrees(BoardModel m, BridgeIdentity hello) {
        assertEquals(m.freeGpio(), hello.freePins(), m.name());
        assertEquals(m.ledToken(), hello.ledToken(), m.name());
        assertEquals(m, hello.boardModel(), m.name());
        assertTrue(hello.model().startsWith(m.machine()), hello.model());
    }

    /** One line per fact, in the order and format of describe_boards.py. */
    private static List<String> describedByHost(BoardModel m) {
        List<String> lines = new ArrayList<>(List.of("model " + m.machine(), "free " + m.freeGpioText(),
                "led " + m.ledToken()));
        for (int n = -1; n <= BoardModel.GPIO_COUNT; n++) {
            final int gpio = n;
            m.boardUse(gpio).ifPresent(use -> lines.add("use " + gpio + " " + use));
            if (m.isFree(gpio)) {
                PwmOutput pwm = m.pwm(gpio);
                lines.add("pwm " + gpio + " " + pwm.slice() + " " + pwm.channel());
            }
            m.adcChannel(gpio).ifPresent(ch -> lines.add("adc " + gpio + " " + ch));
            m.ownAdcChannel(gpio).ifPresent(ch -> lines.add("own-adc " + gpio + " " + ch));
        }
        lines.add("temperature " + BoardModel.ADC_TEMPERATURE_CHANNEL);
        lines.add("vsys " + BoardModel.ADC_VSYS_CHANNEL);
        lines.add("slices " + PwmOutput.SLICES);
        return lines;
    }

    private static List<String> describedByFirmware() throws IOException, InterruptedException {
        Path script = Files.createTempFile("describe_boards", ".py");
        try (InputStream in = BoardModelAgreementTest.class.getResourceAsStream("describe_boards.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(),
                RepoRoot.get().resolve("bridge-firmware").toString()));
        command.addAll(Arrays.stream(BoardModel.values()).map(BoardModel::machine).toList());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("skipped: python3 is not installed (" + e.getMessage() + ")");
            throw e;
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "describe_boards.py failed:\n" + out);
            return out.lines().toList();
        } finally {
            p.destroy();
            Files.deleteIfExists(script);
        }
    }
}
