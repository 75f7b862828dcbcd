package io.picoloop.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads board profiles. A strict reader rather than {@link java.util.Properties}: every unknown
 * key or bad value is refused with its line number and the nearest valid key, because a silently
 * ignored typo ("serail.baud") is the worst kind of config bug in a classroom.
 */
public final class BoardProfileLoader {

    /** The default profile, packaged from {@code config/board.properties}. */
    public static final String DEFAULT_RESOURCE = "/picoloop/board.properties";

    private static final List<String> KEYS = List.of("board", "serial.baud", "serial.usb-vid",
            "serial.request-timeout-ms", "serial.handshake-timeout-ms", "pin.<name>");
    private static final Pattern PIN_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern PIN_VALUE = Pattern.compile("(?i)(GP)?\\d{1,2}|LED");

    private BoardProfileLoader() {
    }

    /** The packaged default profile. */
    public static BoardProfile defaults() {
        try (InputStream in = BoardProfileLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default board profile " + DEFAULT_RESOURCE
                        + " is missing from the picoloop jar; rebuild it with ./picoloop");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the default board profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user's profile file; keys it leaves out keep the default's values. */
    public static BoardProfile load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist; copy config/board.properties to start one");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString(), defaults());
    }

    static BoardProfile parse(String text, String source) {
        return parse(text, source, null);
    }

    private static BoardProfile parse(String text, String source, BoardProfile base) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> pins = new LinkedHashMap<>(base == null ? Map.of() : base.pins());
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(where + ": expected key=value, found '" + line + "'");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (key.startsWith("pin.")) {
                String name = key.substring(4);
                if (!PIN_NAME.matcher(name).matches()) {
                    throw new ConfigException(where + ": pin name '" + name
                            + "' must start with a letter and use only letters, digits, '-' and '_'");
                }
                if (!PIN_VALUE.matcher(value).matches()) {
                    throw new ConfigException(where + ": pin." + name + "=" + value
                            + " is not a pin; use a GPIO number such as 16, or LED");
                }
                pins.put(name, value.toUpperCase(Locale.ROOT).replaceFirst("^GP", ""));
            } else if (KEYS.contains(key)) {
                values.put(key, value);
            } else {
                throw new ConfigException(where + ": unknown key '" + key + "'; did you mean '"
                        + nearest(key) + "'? (known keys: " + String.join(", ", KEYS) + ")");
            }
        }
        String board = values.getOrDefault("board", base == null ? null : base.board());
        if (board == null || !(board.equals("pico") || board.equals("picow"))) {
            throw new ConfigException(source + ": board=" + board + " is not a board picoloop knows; use pico or picow");
        }
        return new BoardProfile(board, pins,
                intValue(values, "serial.baud", base == null ? null : base.baud(), 10, source),
                intValue(values, "serial.usb-vid", base == null ? null : base.usbVendorId(), 16, source),
                Duration.ofMillis(intValue(values, "serial.request-timeout-ms",
                        base == null ? null : (int) base.requestTimeout().toMillis(), 10, source)),
                Duration.ofMillis(intValue(values, "serial.handshake-timeout-ms",
                        base == null ? null : (int) base.handshakeTimeout().toMillis(), 10, source)));
    }

    private static int intValue(Map<String, String> values, String key, Integer fallback, int radix, String source) {
        String raw = values.get(key);
        if (raw == null) {
            if (fallback == null) {
                throw new ConfigException(source + ": " + key + " is missing");
            }
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.replaceFirst("^0[xX]", ""), radix);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(source + ": " + key + "=" + raw + " must be a positive "
                    + (radix == 16 ? "hexadecimal number such as 2E8A" : "whole number"));
        }
    }

    private static String nearest(String key) {
        return KEYS.stream().min(Comparator.comparingInt(k -> editDistance(k, key))).orElseThrow();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
