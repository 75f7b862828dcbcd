package io.picoloop.doctor;

/**
 * One line of {@code picoloop doctor}.
 *
 * @param name   what is checked ("serial permission")
 * @param ok     whether it is fine
 * @param needed whether picoloop needs it (a failed advisory check does not fail the doctor)
 * @param detail what was found
 * @param fix    what to do when not ok (empty when ok)
 */
public record Check(String name, boolean ok, boolean needed, String detail, String fix) {

    static Check ok(String name, String detail) {
        return new Check(name, true, true, detail, "");
    }

    static Check failed(String name, String detail, String fix) {
        return new Check(name, false, true, detail, fix);
    }

    /** The same check, not needed by picoloop itself. */
    Check advisory() {
        return new Check(name, ok, false, detail, fix);
    }

    /** "✓ serial permission: ..." or "✗ ...: ... → fix". */
    public String line() {
        return (ok ? "✓ " : needed ? "✗ " : "! ") + name + ": " + detail + (ok || fix.isEmpty() ? "" : " → " + fix);
    }

    /** One JSON object. */
    public String json() {
        return "{\"check\":" + q(name) + ",\"ok\":" + ok + ",\"needed\":" + needed + ",\"detail\":" + q(detail)
                + ",\"fix\":" + q(fix) + "}";
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
