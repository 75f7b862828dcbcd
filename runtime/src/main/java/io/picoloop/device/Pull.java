package io.picoloop.device;

import io.picoloop.protocol.Commands;

/** The pull resistor of an input pin. */
public enum Pull {
    UP(Commands.PULL_UP), DOWN(Commands.PULL_DOWN), NONE(Commands.PULL_NONE);

    private final String token;

    Pull(String token) {
        this.token = token;
    }

    /** The word sent on the wire. */
    public String token() {
        return token;
    }

    /** The pull a wire word names; {@link #NONE} for a word it does not know. */
    static Pull of(String token) {
        for (Pull p : values()) {
            if (p.token.equals(token)) {
                return p;
            }
        }
        return NONE;
    }
}
