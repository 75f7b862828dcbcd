package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.install.InstallCancelled;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The boards of install --all at once, the table in the ports' order, and Ctrl-C's table of what finished. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)     // one after the other, the first test never ends
class InstallAllTest {

    private static final String N = System.lineSeparator();

    @Test
    void theTableIsInThePortsOrderWhicheverBoardEndsFirst() {
        CountDownLatch bDone = new CountDownLatch(1);
        List<InstallAll.Row> rows = new InstallAll(List.of("A", "B")).run(InstallAll.AT_ONCE, (slot, port, cancelled) -> {
            if (port.equals("A")) {
                await(bDone);       // A ends only after B: both ran at once, or this would never end
                return new InstallAll.Row(port, "ok", "0.7.0");
            }
            bDone.countDown();
            return new InstallAll.Row(port, "FAILED", "no answer");
        });
        assertEquals(List.of("A", "B"), rows.stream().map(InstallAll.Row::port).toList());
    }

    @Test
    void ctrlCStopsTheRunningInstallsAtTheirNextStepAndPrintsTheTableOnce() throws InterruptedException {
        InstallAll installs = new InstallAll(List.of("A", "B"));
        CountDownLatch bRunning = new CountDownLatch(1);
        CountDownLatch stopAsked = new CountDownLatch(1);
        List<List<InstallAll.Row>> run = new ArrayList<>();
        Thread main = Thread.ofPlatform().start(() -> run.add(installs.run(InstallAll.AT_ONCE, (slot, port, cancelled) -> {
            if (port.equals("A")) {
                return new InstallAll.Row(port, "ok", "0.7.0");
            }
            bRunning.countDown();
            await(stopAsked);
            if (cancelled.get()) {
                throw new InstallCancelled();       // as the installer's next step does
            }
            return new InstallAll.Row(port, "ok", "0.7.0");
        })));
        await(bRunning);
        StringWriter out = new StringWriter();
        Thread hook = Thread.ofPlatform().start(() -> installs.stop(rows -> InstallAll.print(new PrintWriter(out), rows, "0.7.0")));
        while (hook.getState() != Thread.State.TIMED_WAITING && hook.isAlive()) {
            Thread.onSpinWait();        // the hook has set the flag and waits for the installs
        }
        stopAsked.countDown();
        hook.join();
        main.join();
        installs.report(rows -> out.write("a second table" + N));
        String stopped = "by Ctrl-C: run picoloop install --port B again";
        assertEquals(new InstallAll.Row("port", "result", "bridge").line() + N
                + new InstallAll.Row("A", "ok", "0.7.0").line() + N
                + new InstallAll.Row("B", "STOPPED", stopped).line() + N
                + "1 of 2 boards have bridge 0.7.0" + N, out.toString());
        assertEquals("STOPPED", run.getFirst().get(1).result());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
