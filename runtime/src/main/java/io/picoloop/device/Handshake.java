package io.picoloop.device;

import io.picoloop.protocol.Commands;
import io.picoloop.protocol.LineCodec;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.Reply;
import java.time.Duration;

/**
 * The {@code hello} a {@link Pico} starts with: what the board is ({@link BridgeIdentity}), and a
 * refusal of another protocol version naming the side to update. No answer in time, or garbage
 * instead of one, is explained (no bridge installed, or the wrong port). A blank line goes first,
 * and what the board had buffered before the port was opened is not taken for the answer
 * ({@link RequestPipeline#beginHandshake}).
 */
final class Handshake {

    /** The fix when something other than the bridge is at the other end: silence or garbage. */
    static final String NOT_THE_BRIDGE = "is the picoloop bridge installed (`picoloop install` puts it on the board)"
            + " and is this the right port (`picoloop ports` lists them)?";
    /**
     * How long a port that has said nothing since it opened (or only {@code ! boot}) is waited for:
     * a board just plugged in has USB up seconds before its bridge answers (MicroPython compiles the
     * bridge's Python first: 4.5-6 s of device time on an RP2040, docs/performance.md "Boot").
     * Garbage or a REPL still fail at once; only silence is given this long.
     */
    static final Duration BOOT_ALLOWANCE = Duration.ofSeconds(10);
    /**
     * The other cause of silence: screen, minicom or cat do not take the lock that makes a port
     * busy for picoloop (jSerialComm's flock; picocom and mpremote take it), so they can have it
     * open at the same time and read the answer first.
     */
    static final String SHARED_PORT = "Or is a terminal program (screen, minicom) reading the port too? Close it";

    private Handshake() {
    }

    /**
     * @throws io.picoloop.protocol.ProtocolVersionException when the bridge speaks another protocol version
     * @throws io.picoloop.protocol.ProtocolException         when the device is not the bridge (e.g. the REPL)
     * @throws DeviceTimeoutException                         when it does not answer in time
     */
    static BridgeIdentity hello(Waiter waiter, RequestPipeline requests, String port, Duration timeout) {
        Reply hello = null;
        long start = System.nanoTime();
        long deadline = start + Math.max(timeout.toNanos(), BOOT_ALLOWANCE.toNanos());
        try {
            requests.beginHandshake();
            while (hello == null) {
                long left = deadline - System.nanoTime();
                Duration wait = Duration.ofNanos(Math.max(1_000_000, Math.min(timeout.toNanos(), left)));
                try {
                    hello = waiter.await(requests.sendUrgent(Commands.hello(), wait, null));
                } catch (DeviceTimeoutException e) {
                    // a board still booting says nothing (or only "! boot"): hello again, up to the allowance
                    if (requests.talkedSince(start) || System.nanoTime() - deadline >= 0) {
                        throw e;
                    }
                }
            }
        } catch (DeviceTimeoutException e) {
            long waited = (System.nanoTime() - start) / 1_000_000;
            throw new DeviceTimeoutException(e.request(), "no answer to hello from " + port
                    + " within " + waited + " ms: " + NOT_THE_BRIDGE + " " + SHARED_PORT);
        } catch (ProtocolException e) {
            if (e.getMessage() != null && e.getMessage().contains(LineCodec.REPL_HINT)) {
                throw e;        // the MicroPython REPL, named as such with its fix
            }
            // line noise, another program on the board, another device on this port
            throw new ProtocolException(e.getMessage() + ": " + NOT_THE_BRIDGE, e);
        } finally {
            requests.endHandshake();
        }
        return BridgeIdentity.fromHello(hello, port);
    }
}
