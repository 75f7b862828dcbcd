package io.picoloop.config;

import io.picoloop.board.BoardModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads board profiles. A strict reader rather than {@link java.util.Properties}: every unknown
 * key or bad value is refused with its line number and the nearest valid key, because a silently
 * ignored typo ("serail.baud") is the worst kind of config bug in a classroom. A pin name is free,
 * but a new one a typo away from a name the profile already has ({@code pin.buton=15} beside
 * {@code button}) is taken for that typo: a name of one's own is that name plus a suffix
 * ({@code button2}, {@code red-left}) or further from it.
 */
public final class BoardProfileLoader {

    /** The default profile, packaged from {@code config/board.properties}. */
    public static final String DEFAULT_RESOURCE = "/picoloop/board.properties";

    private static final List<String> KEYS = List.of("board", "serial.baud", "serial.usb-vid",
            "serial.request-timeout-ms", "serial.handshake-timeout-ms", "pin.<name>");
    private static final Pattern PIN_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern PIN_VALUE = Pattern.compile("(?i)(GP)?\\d{1,2}|LED");
    private static final Pattern GPIO_SYNTAX = Pattern.compile("(gp)?\\d+");
    private static final int MAX_GPIO = BoardModel.GPIO_COUNT - 1;

    private BoardProfileLoader() {
    }

    private static volatile BoardProfile defaults;

    /**
     * The packaged default profile, read once (a profile is immutable). Not a holder class: a
     * missing resource must give its one-line message on every call, not an
     * ExceptionInInitializerError and then NoClassDefFoundErrors that say nothing.
     */
    public static BoardProfile defaults() {
        BoardProfile d = defaults;
        if (d == null) {
            d = defaults = readResource(DEFAULT_RESOURCE);     // two threads may both read it: harmless
        }
        return d;
    }

    static BoardProfile readResource(String resource) {
        try (InputStream in = BoardProfileLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the default board profile " + resource
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
        return parse(text, "config file " + file, defaults());
    }

    static BoardProfile parse(String text, String source) {
        return parse(text, source, null);
    }

    private static BoardProfile parse(String text, String source, BoardProfile base) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> pins = new LinkedHashMap<>(base == null ? Map.of() : base.pins());
        // an editor's UTF-8 byte order mark is not part of the first key
        String[] lines = text.replaceFirst("^\uFEFF", "").split("\r?\n", -1);
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
                if (base != null && !base.pins().containsKey(name)) {
                    checkNotATypo(name, base.pins().keySet(), where);
                }
                pins.put(name, pinValue(name, value, where));
            } else if (KEYS.contains(key)) {
                values.put(key, value);
            } else {
                throw new ConfigException(where + ": unknown key '" + key + "'; did you mean '"
                        + nearest(key) + "'? (known keys: " + String.join(", ", KEYS) + ")");
            }
        }
        String board = values.containsKey("board") ? boardValue(values.get("board"), source)
                : base == null ? boardValue(null, source) : base.board();
        return new BoardProfile(board, pins,
                intValue(values, "serial.baud", base == null ? null : base.baud(), 10, source),
                intValue(values, "serial.usb-vid", base == null ? null : base.usbVendorId(), 16, source),
                Duration.ofMillis(intValue(values, "serial.request-timeout-ms",
                        base == null ? null : (int) base.requestTimeout().toMillis(), 10, source)),
                Duration.ofMillis(intValue(values, "serial.handshake-timeout-ms",
                        base == null ? null : (int) base.handshakeTimeout().toMillis(), 10, source)),
                source);
    }

    /** The pin token for {@code pin.<name>=<value>}, or a ConfigException naming the fix. */
    private static String pinValue(String name, String value, String where) {
        if (!PIN_NAME.matcher(name).matches()) {
            throw new ConfigException(where + ": pin name '" + name
                    + "' must start with a letter and use only letters, digits, '-' and '_'");
        }
        // Names are looked up before pin syntax, so these would silently re-point GP16 or LED.
        if (GPIO_SYNTAX.matcher(name).matches()) {
            throw new ConfigException(where + ": pin." + name + " would hide GPIO " + name.toUpperCase(Locale.ROOT)
                    + "; give the pin a name of its own, such as pin.buzzer=" + value);
        }
        if (value.contains("#")) {
            throw new ConfigException(where + ": pin." + name + "=" + value
                    + " is not a pin; a comment goes on a line of its own, starting with #");
        }
        if (!PIN_VALUE.matcher(value).matches()) {
            throw new ConfigException(where + ": pin." + name + "=" + value
                    + " is not a pin; use a GPIO number such as 16, or LED");
        }
        String token = value.toUpperCase(Locale.ROOT).replaceFirst("^GP", "");
        if (name.equals("led") && !token.equals("LED")) {
            throw new ConfigException(where + ": pin.led is the onboard LED on every board; give GPIO "
                    + token + " a name of its own, such as pin.led" + token + "=" + token);
        }
        if (!token.equals("LED") && Integer.parseInt(token) > MAX_GPIO) {
            throw new ConfigException(where + ": pin." + name + "=" + value + " is not a GPIO; a Pico has GPIO 0 to "
                    + MAX_GPIO + " (the number after GP on the pinout, not the pin's position)");
        }
        return token;
    }

    private static String boardValue(String raw, String source) {
        return BoardProfile.boardName(raw).orElseThrow(() -> new ConfigException(source + ": board="
                + (raw == null ? "" : raw) + " is not a board picoloop knows; use " + BoardProfile.BOARD_NAMES));
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

    /** A new pin name one typo (two in a name of 5 letters or more) from a known one, not it plus a suffix. */
    private static void checkNotATypo(String name, Collection<String> known, String where) {
        for (String k : known) {
            boolean suffixed = name.startsWith(k) && name.substring(k.length()).matches("\\d+|[-_].*");
            int typos = Math.min(name.length(), k.length()) >= 5 ? 2 : 1;
            if (!suffixed && editDistance(name, k) <= typos) {
                throw new ConfigException(where + ": unknown key 'pin." + name + "'; did you mean 'pin." + k
                        + "'? (a pin of your own needs a name that is no typo of a known one, such as pin." + k
                        + "2; known pins: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Edits (insert, delete, replace, swap two neighbours) from a to b: the optimal string alignment distance. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
