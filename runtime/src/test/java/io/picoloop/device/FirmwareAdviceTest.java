package io.picoloop.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.Protocol;
import io.picoloop.testing.ScriptedDevice;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A board still running an older bridge is told how to get the one this picoloop comes with. */
class FirmwareAdviceTest {

    private static List<String> warningsConnectingTo(String fw) {
        String hello = ScriptedDevice.HELLO_PICO.replace("fw=" + Protocol.BRIDGE_FIRMWARE, "fw=" + fw);
        try (ScriptedDevice dev = ScriptedDevice.afterHello(hello, l -> List.of(ScriptedDevice.id(l) + " ok"));
             Pico pico = Pico.connect(dev.transport(), DeviceOptions.defaults().withKeepalive(Duration.ZERO))) {
            List<String> warnings = new CopyOnWriteArrayList<>();
            pico.onWarning(warnings::add);      // the first listener also gets what came before it
            return warnings;                    // complete: close() lets the callback thread finish first
        }
    }

    @Test
    void anOlderBridgeIsToldToUpdateNamingBothVersions() {
        List<String> warnings = warningsConnectingTo("0.3.0");
        assertEquals(List.of("the bridge on scripted device is firmware 0.3.0, this picoloop comes with "
                + Protocol.BRIDGE_FIRMWARE + " (what changed: docs/protocol.md, Versions): run `picoloop install`"
                + " (or copy bridge-firmware/*.py to the board by hand, see README)"), warnings);
        assertEquals(1, warningsConnectingTo("0.1.0").size());
    }

    @Test
    void theSameANewerOrAnOwnBuildGetsNoAdvice() {
        for (String fw : List.of(Protocol.BRIDGE_FIRMWARE, "0.9.0", "0.10.0", "1", Protocol.BRIDGE_FIRMWARE + "-sim", "dev")) {
            assertEquals(List.of(), warningsConnectingTo(fw), fw);
        }
    }

    @Test
    void versionsCompareAsNumbersNotText() {
        assertArrayEquals(new int[]{0, 3, 1}, BridgeIdentity.versionNumbers("0.3.1-sim"));
        assertArrayEquals(new int[0], BridgeIdentity.versionNumbers("dev"));
        assertArrayEquals(new int[0], BridgeIdentity.versionNumbers("99999999999.1"));
        assertEquals(0, warningsConnectingTo("0.10.0").size(), "0.10.0 is newer than 0.3.1, though it sorts first as text");
    }
}
