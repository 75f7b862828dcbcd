package io.picoloop.device;

import io.picoloop.protocol.Reply;
import java.time.Duration;

/**
 * The {@code hello} a {@link Pico} starts with: what the board is ({@link BoardInfo}), and a
 * refusal of another protocol version naming the side to update. No answer in time is explained
 * (no bridge installed, or the wrong port).
 */
final class Handshake {

    private Handshake() {
    }

    /**
     * @throws io.picoloop.protocol.ProtocolVersionException when the bridge speaks another protocol version
     * @throws io.picoloop.protocol.ProtocolException         when the device is not the bridge (e.g. the REPL)
     * @throws DeviceTimeoutException                         when it does not answer in time
     */
    static BoardInfo hello(Pico pico, RequestPipeline requests, String port, Duration timeout) {
        try {
            Reply hello = pico.await(requests.send("hello", new String[0], timeout, null));
            return BoardInfo.fromHello(hello, port);
        } catch (DeviceTimeoutException e) {
            throw new DeviceTimeoutException(e.request(), "no answer to hello from " + port
                    + " within " + timeout.toMillis() + " ms: is the picoloop bridge installed"
                    + " (copy bridge-firmware/*.py to the board, see README) and is this the right port?");
        }
    }
}
