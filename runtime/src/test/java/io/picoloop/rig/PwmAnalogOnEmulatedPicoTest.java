package io.picoloop.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.Protocol;
import io.picoloop.testing.EmulatedPico;
import io.picoloop.transport.LineListener;
import io.picoloop.transport.SerialTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PWM outputs and sample streams on real MicroPython v1.28.0 on the emulated RP2040, in device
 * time: the rig logs every level a PWM slice puts on a pin, so a PWM output's period and duty and a
 * fade's steps are measured there; a stream's samples carry the bridge's own clock. One board for
 * the class's one test (a boot is seconds of device time); bench/analog has the figures.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PwmAnalogOnEmulatedPicoTest {

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    private String next() throws InterruptedException {
        String line = heard.poll(30, TimeUnit.SECONDS);
        assertNotNull(line, "the board said nothing for 30 s");
        return line;
    }

    /** Sends a request, returns its reply (events before it are dropped). */
    private String ask(SerialTransport link, String request) throws InterruptedException {
        String id = request.split(" ")[0] + " ";
        link.send(request);
        for (String line = next(); ; line = next()) {
            if (line.startsWith(id)) {
                return line;
            }
        }
    }

    /** Returns once the board's clock has moved on by {@code micros}. */
    private void waitDevice(SerialTransport link, long micros) throws InterruptedException {
        long end = Long.parseLong(ask(link, "60000 ping").split(" ")[2]) + micros;
        while (Long.parseLong(ask(link, "60000 ping").split(" ")[2]) < end) {
            Thread.sleep(20);
        }
    }

    /** {period, high} in emulated microseconds of every whole PWM period the pin made. */
    private static List<long[]> periods(EmulatedPico board, int pin) throws Exception {
        List<EmulatedPico.LogLine> ch = board.outputChanges(pin);
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i + 2 < ch.size(); i++) {
            if (ch.get(i).level() == 1 && ch.get(i + 1).level() == 0 && ch.get(i + 2).level() == 1) {
                out.add(new long[] {ch.get(i + 2).emuMicros() - ch.get(i).emuMicros(),
                        ch.get(i + 1).emuMicros() - ch.get(i).emuMicros()});
            }
        }
        return out;
    }

    @Test
    void pwmPeriodAndDutyAFadesStepsAndAStreamsSpacingInDeviceTime() throws Exception {
        try (EmulatedPico board = EmulatedPico.withBridgeBooted();
             SerialTransport link = SerialTransport.open(board.port())) {
            link.start(new LineListener() {
                @Override
                public void onLine(byte[] line) {
                    heard.add(new String(line, StandardCharsets.US_ASCII).strip());
                }

                @Override
                public void onClosed(Throwable cause) {
                }
            });
            link.send("");
            assertTrue(ask(link, "1 hello").contains("fw=" + Protocol.BRIDGE_FIRMWARE));

            // 1 kHz at a quarter: 1000 us periods, 250 us high, as the slice's divider gives them
            assertTrue(ask(link, "2 pwm 16 1000 16384").startsWith("2 ok "));
            waitDevice(link, 100_000);
            assertTrue(ask(link, "3 pwm 16 off").startsWith("3 ok "));
            List<long[]> ps = periods(board, 16);
            assertTrue(ps.size() >= 50, ps.size() + " periods in 100 ms of device time");
            for (long[] p : ps.subList(1, ps.size() - 1)) {
                assertEquals(1000, p[0], 1, "period");
                assertEquals(250, p[1], 1, "high time");
            }
            assertEquals(0, board.lastLevel(16), "pwm off leaves the pin low");

            // a fade up over 200 ms: the duty rises in steps about FADE_STEP_MS apart, never down
            assertTrue(ask(link, "4 pwm 21 1000 0").startsWith("4 ok "));
            assertTrue(ask(link, "5 fade 21 0 65535 200").startsWith("5 ok "));
            waitDevice(link, 300_000);
            List<Long> highs = new ArrayList<>();
            for (long[] p : periods(board, 21)) {
                if (highs.isEmpty() || Math.abs(p[1] - highs.getLast()) > 2) {
                    highs.add(p[1]);
                }
            }
            assertEquals(highs.stream().sorted().toList(), highs, "a fade up only rises: " + highs);
            assertTrue(highs.size() >= 200 / Protocol.FADE_STEP_MS - 3, highs.size() + " steps: " + highs);
            assertEquals(1, board.lastLevel(21), "it ends at 65535: always high");

            // a 10 ms stream of what the rig puts on ADC channel 0: each sample no earlier than it
            // is due, within its period (later is lost), in one sequence
            board.ctl("adc", "0", "2048");
            long t0 = Long.parseLong(ask(link, "6 stream 26 10").split(" ")[2]);
            int k = 0;
            long seq = 0;
            while (k < 50) {
                String[] f = next().split(" ");
                if (!f[0].equals("!")) {
                    continue;
                }
                assertEquals(seq + 1, Long.parseLong(f[f.length - 1]), "one sequence: " + String.join(" ", f));
                seq++;
                if (f[1].equals("lost")) {
                    k += Integer.parseInt(f[2]);
                    continue;
                }
                k++;
                assertEquals("sample 26 " + (2048 << 4 | 2048 >> 8), f[1] + " " + f[2] + " " + f[3]);
                long late = Long.parseLong(f[4]) - (t0 + k * 10_000L);
                assertTrue(late >= 0 && late < 10_000, "sample " + k + " " + late + " us after it was due");
            }
            assertTrue(ask(link, "7 stream 26 off").startsWith("7 ok"));
        }
    }
}
