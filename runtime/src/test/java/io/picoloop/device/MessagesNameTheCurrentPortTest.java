package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.protocol.DeviceEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * After a replug moved the board to another port, the event router's lines name the port it is on
 * now (it asks {@link Pico#description()} when it speaks); before, they named the first port.
 */
class MessagesNameTheCurrentPortTest {

    @Test
    void theEventRoutersLinesNameThePortTheBoardIsOnNow() {
        AtomicReference<String> port = new AtomicReference<>("/dev/ttyACM0");
        Callbacks callbacks = new Callbacks(Runnable::run, "test");
        Warnings said = new Warnings(callbacks);
        List<String> warnings = new CopyOnWriteArrayList<>();
        said.onWarning(warnings::add);
        EventRouter events = new EventRouter(port::get, () -> 0L, new DeviceClock(), callbacks, said, new AnalogStreams(), () -> { },
                e -> false);
        events.handshakeDone();
        port.set("/dev/ttyACM1");       // the board came back there
        events.event(DeviceEvent.of(DeviceEvent.EXPIRED, "3000"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().startsWith("the board on /dev/ttyACM1 switched its outputs off"), warnings.getFirst());
    }
}
