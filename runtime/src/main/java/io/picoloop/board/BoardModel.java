package io.picoloop.board;

import io.picoloop.protocol.PinId;
import io.picoloop.protocol.PinSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The boards picoloop knows, each described once: the GPIO a program may use, the onboard LED,
 * the GPIO the board keeps for itself (on a W, the wireless chip's) and what a free GPIO can do
 * besides digital I/O (ADC channel, PWM slice). Every pin rule of the host derives from here; the
 * firmware describes the same boards in bridge-firmware/bridge_board.py, and a test checks that
 * the two agree (BoardModelFirmwareTest).
 *
 * <p>All four boards have the 30 GPIO of an RP2040 or RP2350A, GP0-GP29, and the same mapping of
 * GPIO to ADC and PWM: the RP2350's four extra PWM slices serve only the RP2350B's GPIO 32-47.
 */
public enum BoardModel {
    PICO("Pico", "Raspberry Pi Pico with RP2040", Own.PICO),
    PICO_W("Pico W", "Raspberry Pi Pico W with RP2040", Own.RADIO),
    PICO_2("Pico 2", "Raspberry Pi Pico2 with RP2350", Own.PICO),
    PICO_2_W("Pico 2 W", "Raspberry Pi Pico 2 W with RP2350", Own.RADIO);

    /** GP0 to GP29. */
    public static final int GPIO_COUNT = 30;
    /** The onboard LED's GPIO on a Pico and Pico 2; on a W the same GPIO is the radio's. */
    public static final int PICO_LED_GPIO = 25;
    /** GP26 is ADC channel 0, up to GP29, channel 3. */
    public static final int ADC_FIRST_GPIO = 26;
    /** ADC channel 3: GP29, which the board keeps to read VSYS / 3. */
    public static final int ADC_VSYS_CHANNEL = 3;
    /** ADC channel 4: the chip's temperature sensor, on no GPIO. */
    public static final int ADC_TEMPERATURE_CHANNEL = 4;

    /** The ADC's reference: a full-scale reading is this many volts (the board's 3V3 supply). */
    public static final double ADC_REFERENCE_VOLTS = 3.3;
    /** The temperature sensor reads this many volts at 27 degrees C (RP2040 datasheet, 4.9.5)... */
    public static final double TEMPERATURE_VOLTS_AT_27C = 0.706;
    /** ...and this many volts less per degree above it. */
    public static final double TEMPERATURE_VOLTS_PER_DEGREE = 0.001721;

    /** The GPIO a board keeps for itself, with what it uses each for (a class: enum constants need them first). */
    private static final class Own {
        /** A Pico's and a Pico 2's, not on the header. */
        static final Map<Integer, String> PICO = Map.of(
                23, "sets the power-supply mode", 24, "senses VBUS", 29, "senses VSYS");
        /** A W's drive its wireless chip, which has the LED. */
        static final Map<Integer, String> RADIO = radio("belongs to the wireless chip");

        private static Map<Integer, String> radio(String use) {
            return Map.of(23, use, 24, use, 25, use, 29, use);
        }
    }

    /** The name before " with " in {@code sys.implementation._machine} of the two W boards. */
    private static final Set<String> WIRELESS_NAMES = Set.of("Raspberry Pi Pico W", "Raspberry Pi Pico 2 W");

    private final String displayName;
    private final String machine;
    private final Map<Integer, String> boardOwn;
    private final Set<Integer> freeGpio;

    BoardModel(String displayName, String machine, Map<Integer, String> boardOwn) {
        this.displayName = displayName;
        this.machine = machine;
        this.boardOwn = boardOwn;
        this.freeGpio = IntStream.range(0, GPIO_COUNT).filter(n -> !boardOwn.containsKey(n)).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The model a bridge runs on, from its {@code sys.implementation._machine} ({@code hello}'s
     * {@code model=}): "{@code <board name> with <chip>}". As in the firmware, only the two W names
     * are wireless boards; any other board (a Pico clone) has a Pico's pins.
     */
    public static BoardModel ofMachine(String machine) {
        int with = machine.indexOf(" with ");
        String name = with >= 0 ? machine.substring(0, with) : machine;
        boolean rp2350 = with >= 0 && machine.startsWith("RP2350", with + " with ".length());
        if (WIRELESS_NAMES.contains(name)) {
            return rp2350 ? PICO_2_W : PICO_W;
        }
        return rp2350 ? PICO_2 : PICO;
    }

    /** "Pico W". */
    public String displayName() {
        return displayName;
    }

    /** {@code sys.implementation._machine} on this board, e.g. "Raspberry Pi Pico W with RP2040". */
    public String machine() {
        return machine;
    }

    public boolean wireless() {
        return boardOwn == Own.RADIO;
    }

    /** The GPIO a program may use, in order. */
    public Set<Integer> freeGpio() {
        return java.util.Collections.unmodifiableSet(freeGpio);
    }

    /** The free GPIO as {@code hello} gives them ({@code pins=}), e.g. {@code 0-22,25-28}. */
    public String freeGpioText() {
        return PinSet.format(freeGpio);
    }

    public boolean isFree(int gpio) {
        return freeGpio.contains(gpio);
    }

    /** The GPIO that drive the wireless chip; none on a Pico. */
    public Set<Integer> radioGpio() {
        return wireless() ? new TreeSet<>(boardOwn.keySet()) : Set.of();
    }

    /** The onboard LED's own pin: GP25, or on a W {@link PinId#LED}, a pin of the wireless chip. */
    public PinId led() {
        return wireless() ? PinId.LED : PinId.gpio(PICO_LED_GPIO);
    }

    /** The LED as {@code hello} names it ({@code led=}): {@code 25} or {@code LED}. */
    public String ledToken() {
        return led().token();
    }

    /** The pin itself, whatever its name: {@code LED} is GP25 on a Pico. */
    public PinId wired(PinId pin) {
        return pin.isLed() ? led() : pin;
    }

    /** Whether {@code pin} is the onboard LED ({@code LED}, or GP25 on a Pico), an output only. */
    public boolean isLed(PinId pin) {
        return wired(pin).equals(led());
    }

    /**
     * Why a GPIO number is not free on this board, or empty for a free one: {@link #boardUse}, or
     * "a Pico has GPIO 0 to 29".
     */
    public Optional<String> whyNotFree(int gpio) {
        if (gpio < 0 || gpio >= GPIO_COUNT) {
            return Optional.of("a Pico has GPIO 0 to " + (GPIO_COUNT - 1));
        }
        return boardUse(gpio);
    }

    /**
     * What the board uses a GPIO it keeps for itself for, or empty, e.g. "GP29 senses VSYS", "GP25
     * belongs to the wireless chip; use LED for the onboard LED". The bridge's refusals say the same.
     */
    public Optional<String> boardUse(int gpio) {
        String use = boardOwn.get(gpio);
        if (use == null) {
            return Optional.empty();
        }
        // GP25 is the LED of a Pico; whoever asks for it on a W wants the LED
        String hint = gpio == PICO_LED_GPIO && wireless() ? "; use LED for the onboard LED" : "";
        return Optional.of("GP" + gpio + " " + use + hint);
    }

    /** The ADC channel of a GPIO the board keeps for itself (GP29: {@link #ADC_VSYS_CHANNEL}), or empty. */
    public OptionalInt ownAdcChannel(int gpio) {
        return boardOwn.containsKey(gpio) && gpio >= ADC_FIRST_GPIO ? OptionalInt.of(gpio - ADC_FIRST_GPIO)
                : OptionalInt.empty();
    }

    /** The free GPIO that are ADC inputs: GP26, GP27, GP28. */
    public Set<Integer> adcGpio() {
        return freeGpio.stream().filter(n -> adcChannel(n).isPresent())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The ADC channel of a free GPIO (GP26 is 0), or empty when it has none. */
    public OptionalInt adcChannel(int gpio) {
        return isFree(gpio) && gpio >= ADC_FIRST_GPIO ? OptionalInt.of(gpio - ADC_FIRST_GPIO) : OptionalInt.empty();
    }

    /** The chip's temperature in degrees C from its sensor's voltage (the datasheet's formula). */
    public static double celsius(double sensorVolts) {
        return 27 - (sensorVolts - TEMPERATURE_VOLTS_AT_27C) / TEMPERATURE_VOLTS_PER_DEGREE;
    }

    /** The PWM output of a free GPIO: every GPIO has one, shared with the GPIO 16 above or below. */
    public PwmOutput pwm(int gpio) {
        if (!isFree(gpio)) {
            throw new IllegalArgumentException("GP" + gpio + " is not a free GPIO on a " + displayName
                    + whyNotFree(gpio).map(w -> ": " + w).orElse(""));
        }
        return PwmOutput.of(gpio);
    }
}
