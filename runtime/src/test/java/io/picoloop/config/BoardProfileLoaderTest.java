package io.picoloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardProfileLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultProfileNamesTheClassroomPins() {
        BoardProfile p = BoardProfileLoader.defaults();
        assertEquals("pico", p.board());
        assertEquals("16", p.resolvePin("red"));
        assertEquals("19", p.resolvePin("Yellow"));
        assertEquals("20", p.resolvePin("green"));
        assertEquals("LED", p.resolvePin("led"));
        assertEquals("25", p.resolvePin("25"), "numbers pass through for the device to check");
        assertEquals(0x2E8A, p.usbVendorId());
        assertEquals(Duration.ofSeconds(1), p.requestTimeout());
    }

    @Test
    void userFileOverridesAndAddsPinsKeepingTheRest() throws IOException {
        Path f = write("board=picow\npin.buzzer=GP15\n");
        BoardProfile p = BoardProfileLoader.load(f);
        assertEquals("picow", p.board());
        assertEquals("15", p.resolvePin("buzzer"));
        assertEquals("16", p.resolvePin("red"));
        assertEquals(115200, p.baud());
    }

    @Test
    void typoIsRefusedWithLineAndNearestKey() throws IOException {
        Path f = write("# mine\nserail.baud=9600\n");
        ConfigException e = assertThrows(ConfigException.class, () -> BoardProfileLoader.load(f));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'serial.baud'"), e.getMessage());
    }

    @Test
    void badValuesNameTheFix() throws IOException {
        assertMessage("pin.red=banana\n", "not a pin");
        assertMessage("board=arduino\n", "use pico or picow");
        assertMessage("serial.baud=fast\n", "positive whole number");
        assertMessage("serial.usb-vid=zz\n", "hexadecimal");
        assertMessage("just words\n", "expected key=value");
    }

    @Test
    void missingFileSaysHowToStartOne() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BoardProfileLoader.load(dir.resolve("nope.properties")));
        assertTrue(e.getMessage().contains("copy config/board.properties"), e.getMessage());
    }

    private void assertMessage(String text, String fragment) throws IOException {
        Path f = write(text);
        ConfigException e = assertThrows(ConfigException.class, () -> BoardProfileLoader.load(f));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "board", ".properties");
        Files.writeString(f, text);
        return f;
    }
}
