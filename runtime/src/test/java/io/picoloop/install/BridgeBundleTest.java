package io.picoloop.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.micropython.BoardFiles;
import io.picoloop.protocol.Protocol;
import io.picoloop.testing.EmulatedPico;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge carried in the classes is bridge-firmware/ as it is now, its version read from it. */
class BridgeBundleTest {

    @Test
    void carriesEveryBridgeFileAsItIsInTheRepository() throws IOException {
        BridgeBundle bundle = BridgeBundle.load();
        List<Path> inRepo = EmulatedPico.bridgeFiles();       // main.py first, then bridge*.py
        assertEquals(inRepo.stream().map(p -> p.getFileName().toString()).toList(), bundle.names());
        for (int i = 0; i < inRepo.size(); i++) {
            byte[] content = Files.readAllBytes(inRepo.get(i));
            assertArrayEquals(content, bundle.files().get(i).content(), bundle.names().get(i));
            assertEquals(BoardFiles.sha256Hex(content), bundle.files().get(i).sha256());
        }
    }

    @Test
    void itsVersionIsTheFirmwaresOwn() {
        // Protocol.BRIDGE_FIRMWARE is kept equal to FW_VERSION by LimitsAgreeTest
        assertEquals(Protocol.BRIDGE_FIRMWARE, BridgeBundle.load().version());
    }
}
