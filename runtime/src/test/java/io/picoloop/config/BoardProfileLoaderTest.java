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
    void aPinNameATypoFromAKnownOneIsRefusedWithFileLineAndTheNameMeant() throws IOException {
        Path f = write("# mine\npin.buton=15\n");
        ConfigException e = assertThrows(ConfigException.class, () -> BoardProfileLoader.load(f));
        assertTrue(e.getMessage().startsWith("config file " + f + " line 2: unknown key 'pin.buton'; did you mean "
                + "'pin.button'?"), e.getMessage());
        assertMessage("pin.yelow=19\n", "did you mean 'pin.yellow'?");
        assertMessage("pin.gerne=20\n", "did you mean 'pin.green'?");     // two typos in a longer name
        assertMessage("PIN.Rde=16\n", "did you mean 'pin.red'?");          // a swapped pair is one typo
        // names of one's own: a known name with a suffix, or further from every known name
        BoardProfile p = BoardProfileLoader.load(write("pin.button2=15\npin.red-left=17\npin.led16=16\npin.relay=18\n"));
        assertEquals("15", p.resolvePin("button2"));
        assertEquals("17", p.resolvePin("red-left"));
        assertEquals("18", p.resolvePin("relay"));
    }

    @Test
    void badValuesNameTheFix() throws IOException {
        assertMessage("pin.red=banana\n", "not a pin");
        assertMessage("board=arduino\n", "use pico (also Pico 2) or picow (also Pico 2 W)");
        assertMessage("serial.baud=fast\n", "positive whole number");
        assertMessage("serial.usb-vid=zz\n", "hexadecimal");
        assertMessage("just words\n", "expected key=value");
    }

    @Test
    void namesThatWouldHideAGpioOrTheLedAreRefused() throws IOException {
        // names are looked up first: these would quietly re-point --pin GP16 / --pin LED
        assertMessage("pin.gp16=20\n", "would hide GPIO GP16");
        assertMessage("pin.led=16\n", "pin.led is the onboard LED on every board; give GPIO 16 a name of its own, such as pin.led16=16");
        assertEquals("LED", BoardProfileLoader.load(write("pin.led=led\n")).resolvePin("led"));
    }

    @Test
    void aNumberNoPicoHasIsRefusedInTheFileNotLaterOnTheBoard() throws IOException {
        assertMessage("pin.red=31\n", "a Pico has GPIO 0 to 29");
        assertEquals("29", BoardProfileLoader.load(write("pin.vsys=GP29\n")).resolvePin("vsys"),
                "whether 29 is free depends on the board: the device checks that");
    }

    @Test
    void anInlineCommentIsExplained() throws IOException {
        assertMessage("pin.red = 16   # the red one\n", "a comment goes on a line of its own");
    }

    @Test
    void aByteOrderMarkFromAnEditorIsNotPartOfTheFirstKey() throws IOException {
        BoardProfile p = BoardProfileLoader.load(write("\uFEFFboard=picow\n"));
        assertEquals("picow", p.board());
    }

    @Test
    void boardTakesTheSpellingsTheCommandLineTakes() throws IOException {
        assertEquals("pico", BoardProfileLoader.load(write("board=Pico\n")).board());
        assertEquals("pico", BoardProfileLoader.load(write("board=pico2\n")).board());
        assertEquals("picow", BoardProfileLoader.load(write("board=pico_w\n")).board());
        assertEquals("picow", BoardProfileLoader.load(write("board=PICO2W\n")).board());
    }

    @Test
    void aProfileSaysWhereANameComesFrom() throws IOException {
        Path f = write("pin.buzzer=GP15\n");
        BoardProfile p = BoardProfileLoader.load(f);
        assertEquals("pin.buzzer=15 in config file " + f, p.origin("Buzzer").orElseThrow());
        assertEquals("pin.red=16 in config file " + f, p.origin("red").orElseThrow(), "inherited names too");
        assertTrue(p.origin("16").isEmpty(), "a number is not a name");
        assertEquals("button, buzzer, green, led, red, yellow", p.names());
        assertEquals("pin.red=16 in the default board profile", BoardProfileLoader.defaults().origin("red").orElseThrow());
    }

    @Test
    void aJarWithoutTheDefaultProfileSaysSoEveryTime() {
        for (int i = 0; i < 2; i++) {      // a failure must not be cached as a class-init error
            var e = assertThrows(IllegalStateException.class, () -> BoardProfileLoader.readResource("/picoloop/nope"));
            assertTrue(e.getMessage().contains("is missing from the picoloop jar; rebuild it with ./picoloop"),
                    e.getMessage());
        }
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
