package io.picoloop.device;

import io.picoloop.board.BoardModel;
import io.picoloop.protocol.HelloReply;
import io.picoloop.protocol.PinId;
import io.picoloop.protocol.PinSet;
import io.picoloop.protocol.Protocol;
import io.picoloop.protocol.ProtocolException;
import io.picoloop.protocol.ProtocolVersionException;
import io.picoloop.protocol.Reply;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which bridge answered and on what board, as it said in the {@code hello} handshake. Pins are
 * checked against what this bridge said it takes ({@code pins=}, {@code led=}: the firmware's
 * description of its board); what a pin is for comes from the same board's {@link BoardModel}.
 *
 * @param firmwareVersion the bridge firmware's version ({@code fw=})
 * @param uid             the board's unique id, hex ({@code uid=})
 * @param model           {@code sys.implementation._machine}, e.g. "Raspberry Pi Pico with RP2040"
 * @param ledToken        how the board names its LED: {@code 25} (Pico) or {@code LED} (Pico W)
 * @param freePins        the free GPIO numbers
 * @param maxLine         the longest request line the bridge reads
 * @param all             every key=value of the reply, including ones this host does not know
 */
public record BridgeIdentity(String firmwareVersion, String uid, String model, String ledToken,
                             Set<Integer> freePins, int maxLine, Map<String, String> all) {

    public BridgeIdentity {
        freePins = Set.copyOf(freePins);
        all = Map.copyOf(all);
    }

    /**
     * Reads a {@code hello} reply ({@link HelloReply}, the catalogue's reading of it).
     *
     * @throws ProtocolVersionException when the bridge speaks another protocol version (the message
     *                                  says which side to update)
     * @throws ProtocolException        when the reply is not a picoloop bridge's
     */
    public static BridgeIdentity fromHello(Reply reply, String port) {
        HelloReply h = HelloReply.decode(reply, port);
        return new BridgeIdentity(h.firmware(), h.uid(), h.model(), h.led(), h.freePins(), h.maxLine(), h.all());
    }

    /**
     * The model this bridge runs on, from its {@code model=}: what its pins are for (the bridge's
     * own {@code pins=} and {@code led=} come from the same description in the firmware).
     */
    public BoardModel boardModel() {
        return BoardModel.ofMachine(model);
    }

    /** The pin itself, whatever its name: LED is GP25 on a Pico, but its own pin on a Pico W. */
    public PinId wired(PinId pin) {
        return pin.isLed() ? PinId.parse(ledToken).orElse(pin) : pin;
    }

    /** True when the LED is a separate pin (Pico W), not a GPIO. */
    public boolean ledIsSeparate() {
        return ledToken.equalsIgnoreCase("LED");
    }

    /**
     * What to do when the board's bridge is older than the one this picoloop comes with (its
     * fixes reach a board only when someone copies the files), or empty. A version that is not
     * dotted numbers (a build of one's own) gets no advice.
     */
    public Optional<String> firmwareAdvice(String port) {
        int[] have = versionNumbers(firmwareVersion);
        int[] bundled = versionNumbers(Protocol.BRIDGE_FIRMWARE);
        if (have.length == 0 || java.util.Arrays.compare(have, bundled) >= 0) {
            return Optional.empty();
        }
        return Optional.of("the bridge on " + port + " is firmware " + firmwareVersion + ", this picoloop comes with "
                + Protocol.BRIDGE_FIRMWARE + " (what changed: docs/protocol.md, Versions): "
                + Protocol.INSTALL_FIX);
    }

    /** True unless the bridge says it is older than {@code version} (a build of one's own counts as new). */
    public boolean firmwareAtLeast(String version) {
        int[] have = versionNumbers(firmwareVersion);
        return have.length == 0 || java.util.Arrays.compare(have, versionNumbers(version)) >= 0;
    }

    /**
     * Refuses, before anything is sent, what this bridge's firmware is too old to do.
     *
     * @param feature what needs it, e.g. "setTogether"
     * @throws IllegalStateException naming the firmware it needs, the one it has, and {@code picoloop install}
     */
    public void requireFirmware(String version, String feature, String port) {
        if (!firmwareAtLeast(version)) {
            throw new IllegalStateException(feature + " needs bridge firmware " + version + " or newer; " + port
                    + " runs " + firmwareVersion + ": " + Protocol.INSTALL_FIX);
        }
    }

    /** "0.3.1-sim" → {0, 3, 1}; empty if it does not start with dotted numbers. */
    static int[] versionNumbers(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+(?:\\.\\d+)*)").matcher(version);
        if (!m.find()) {
            return new int[0];
        }
        try {
            return java.util.Arrays.stream(m.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            return new int[0];      // more digits than an int holds
        }
    }

    /**
     * {@link #checkPin}, then refuses the onboard LED as an input: it is an output only, and on a
     * Pico its GP25 is not on the header, so as an input it would read nothing but the LED.
     *
     * @param as  what was asked, e.g. "watched"
     * @param fix what to do instead, e.g. "watch a GPIO such as 14"
     */
    public PinId checkInput(PinId pin, String as, String fix) {
        checkPin(pin);
        if (wired(pin).equals(wired(PinId.LED))) {
            throw new IllegalArgumentException((pin.isLed() ? "LED" : pin + " (the onboard LED)") + " cannot be " + as
                    + ": it is an output, not a pin on the header; " + fix);
        }
        return pin;
    }

    /**
     * What a user should know before using this pull on this board, or empty. Early RP2350 chips
     * (Pico 2, stepping A2: erratum RP2350-E9) hold an input with the internal pull-down at about
     * 2.2 V once something drove it high, so a button to 3V3 may never read as released.
     */
    public Optional<String> pullCaveat(PinId pin, Pull pull) {
        if (pull != Pull.DOWN || !model.contains("RP2350")) {
            return Optional.empty();
        }
        return Optional.of("pull down on " + pin + " of a " + model + ": on early RP2350 chips (erratum RP2350-E9)"
                + " an input the pull-down should bring low can stay at about 2.2 V, so a button to 3V3 may never"
                + " read as released; wire the button to GND with pull up (the default), or add a pull-down"
                + " resistor of 8.2 kOhm or less");
    }

    /**
     * Checks a pin against this board before anything is sent.
     *
     * @throws IllegalArgumentException naming the free pins and why, e.g. "GP29 is not a free GPIO on
     *                                  a Raspberry Pi Pico with RP2040 (free: 0-22,25-28): GP29 senses VSYS"
     */
    public PinId checkPin(PinId pin) {
        if (pin.isLed() || freePins.contains(pin.gpio())) {
            return pin;
        }
        throw new IllegalArgumentException(pin + " is not a free GPIO on a " + model + " (free: "
                + PinSet.format(freePins) + ")" + boardModel().whyNotFree(pin.gpio()).map(why -> ": " + why).orElse(""));
    }
}
