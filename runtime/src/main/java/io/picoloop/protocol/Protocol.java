package io.picoloop.protocol;

/**
 * The limits of the wire protocol (docs/protocol.md), stated once for the host; the firmware states
 * them once in bridge_protocol.py, and {@code LimitsAgreeTest} keeps the two, and the spec, equal.
 */
public final class Protocol {

    /** The protocol version this host speaks; {@code hello} must report {@code proto=} this. */
    public static final int VERSION = 1;
    /** The most bytes a request line carries before its newline. */
    public static final int MAX_REQUEST_BYTES = 120;
    /** The most bytes a device line (reply, event) carries before its newline. */
    public static final int MAX_DEVICE_LINE_BYTES = 250;
    /** Requests a host may send ahead of their replies. */
    public static final int MAX_IN_FLIGHT = 16;
    /** The highest request id ({@code 0} to this; a person typing may leave it out). */
    public static final int MAX_ID = 65535;
    /** The longest debounce window {@code watch} takes, in ms (0 is none). */
    public static final int DEBOUNCE_MAX_MS = 1000;
    /** {@code keepalive} takes 0 (off) or a time in this range, in ms (10 min: far below what the board's ticks span). */
    public static final int KEEPALIVE_MIN_MS = 100;
    /** See {@link #KEEPALIVE_MIN_MS}. */
    public static final int KEEPALIVE_MAX_MS = 600_000;
    /** The lowest {@code pwm} and {@code tone} frequency, in Hz (the PWM divider's limit; bridge_pwm.py FREQ_MIN_HZ). */
    public static final int PWM_FREQ_MIN_HZ = 10;
    /** The highest {@code pwm} and {@code tone} frequency, in Hz (bridge_pwm.py FREQ_MAX_HZ). */
    public static final int PWM_FREQ_MAX_HZ = 1_000_000;
    /** The highest PWM duty (MicroPython's duty_u16: 0 always low, this always high; bridge_pwm.py DUTY_MAX). */
    public static final int PWM_DUTY_MAX = 65535;
    /** The longest {@code fade} or {@code tone}, in ms, from 1 (bridge_pwm.py RUN_MAX_MS). */
    public static final int PWM_RUN_MAX_MS = 600_000;
    /** How often the board sets a fade's duty, in ms (bridge_pwm.py FADE_STEP_MS). */
    public static final int FADE_STEP_MS = 10;
    /** The duty of a {@code tone}: a square wave (bridge_pwm.py TONE_DUTY). */
    public static final int TONE_DUTY = 32768;
    /** The highest analog value of {@code adc} and {@code ! sample} (MicroPython's read_u16: 12 bits scaled to 16). */
    public static final int ADC_VALUE_MAX = 65535;
    /** The shortest {@code stream} period, in ms (bridge_adc.py PERIOD_MIN_MS). */
    public static final int STREAM_PERIOD_MIN_MS = 1;
    /** The longest {@code stream} period, in ms (bridge_adc.py PERIOD_MAX_MS). */
    public static final int STREAM_PERIOD_MAX_MS = 60_000;
    /** The firmware that first has {@code pwm}, {@code fade}, {@code tone}, {@code adc} and {@code stream}. */
    public static final String ANALOG_FIRMWARE = "0.5.0";
    /**
     * The bridge firmware this release comes with: {@code FW_VERSION} in bridge-firmware/bridge_protocol.py
     * (a test keeps the two equal). The simulator reports it too, with "-sim".
     */
    public static final String BRIDGE_FIRMWARE = "0.6.0";
    /** How a user puts (or updates) the bridge on a board: the fix every message about a missing or old bridge names. */
    public static final String INSTALL_FIX = "run `picoloop install` (or copy bridge-firmware/*.py to the board by hand,"
            + " see README)";

    private Protocol() {
    }
}
