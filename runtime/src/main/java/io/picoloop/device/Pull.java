package io.picoloop.device;

/** The pull resistor of an input pin. */
public enum Pull {
    UP("up"), DOWN("down"), NONE("none");

    private final String token;

    Pull(String token) {
        this.token = token;
    }

    /** The word sent on the wire. */
    public String token() {
        return token;
    }
}
