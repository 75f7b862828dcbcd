package io.picoloop.sim;

import io.picoloop.protocol.DeviceEvent;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.Reply;

/**
 * The board's main loop on its own thread (the firmware's bridge.Bridge): read what the host
 * sent, answer each request in order, then drain the edge queue and check the keepalive; after
 * {@code repl}, be a REPL until a restart. Each turn holds the device lock, so requests, input
 * changes from other threads and event lines never interleave, as on the board's one core.
 */
final class Bridge {

    /** While a debounce window is open the loop wakes this often to close it on time. */
    private static final int WINDOW_POLL_MS = 1;
    private static final int IDLE_POLL_MS = 200;

    private final UsbLink link;
    private final Dispatcher dispatcher;
    private final Edges edges;
    private final Keepalive keepalive;
    private final Clock clock;
    private final String model;
    private final Object device;
    private final Thread thread;
    /** Under the device lock, like everything the loop does. */
    private final LineReader lines = new LineReader();
    // volatile: restart() clears it from a caller's thread
    private volatile boolean inRepl;
    /** Nanoseconds from the last pollTimers until a fade, tone or stream is due; -1: none runs. */
    private long timersWait = -1;

    /** Boots (sends {@code ! boot}) and starts the thread. */
    Bridge(UsbLink link, Dispatcher dispatcher, Edges edges, Keepalive keepalive,
               Clock clock, String model, Object device) {
        this.link = link;
        this.dispatcher = dispatcher;
        this.edges = edges;
        this.keepalive = keepalive;
        this.clock = clock;
        this.model = model;
        this.device = device;
        link.writeLine(bootEvent().encode());
        this.thread = Thread.ofPlatform().daemon().name("picoloop-sim-device").start(this::run);
    }

    /** The boot after a reset; the caller has already cleared the pins and watches. */
    void reboot() {
        synchronized (device) {
            inRepl = false;
            clock.reboot();
            link.writeLine(bootEvent().encode());
        }
    }

    /** Pulls the cable and waits for the thread to notice (unless this is that thread). */
    void close() {
        link.disconnect();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static DeviceEvent bootEvent() {
        return DeviceEvent.of(DeviceEvent.BOOT, "picoloop", "proto=" + Protocol.VERSION,
                "fw=" + SimulatedPico.FIRMWARE_VERSION);
    }

    private void run() {
        byte[] buf = new byte[512];
        try {
            while (true) {
                long wait;
                synchronized (device) {
                    wait = pollMillis();
                }
                int n = link.read(buf, wait);
                if (n < 0) {
                    return;
                }
                received(buf, n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What one read from the host brought: the loop's own reads, and bytes the simulator's tests
     * hand in directly ({@link SimulatedPico#receive}).
     */
    void received(byte[] data, int n) {
        synchronized (device) {
            if (inRepl) {
                link.writeRaw(MicroPythonRepl.answer(data, n));
            } else {
                lines.feed(data, 0, n, this::answer);
                pollTimers();
            }
        }
    }

    /** How long the next read may wait: until a debounce window or the keepalive ends. */
    private long pollMillis() {
        if (edges.windowOpen()) {
            return WINDOW_POLL_MS;
        }
        if (timersWait >= 0) {
            return Math.clamp(timersWait / 1_000_000, 0, IDLE_POLL_MS);
        }
        long left = keepalive.leftNanos();
        // real time (a test may give it a virtual clock): still at most the idle poll, never longer
        return left < 0 ? IDLE_POLL_MS : Math.clamp(left / 1_000_000 + 1, 1, IDLE_POLL_MS);
    }

    /**
     * The timed work (caller holds the device lock): close due debounce windows, and when the
     * keepalive has run out, the safe state and {@code ! expired}.
     */
    void pollTimers() {
        if (inRepl) {
            return;
        }
        edges.drain();
        timersWait = dispatcher.serviceTimers();
        dispatcher.expireIfDue().ifPresent(link::writeLine);
    }

    private void answer(byte[] line) {
        if (inRepl) {
            return; // lines behind repl in the same read are dropped, not echoed by the REPL
        }
        Reply reply = dispatcher.handleLine(line);
        if (reply != null) {
            link.writeLine(reply.encode());
        }
        if (dispatcher.takeReplRequest()) {
            inRepl = true;
            link.writeRaw(MicroPythonRepl.banner(model));
        }
    }
}
