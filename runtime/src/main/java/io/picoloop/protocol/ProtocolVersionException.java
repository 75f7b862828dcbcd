package io.picoloop.protocol;

/** The bridge speaks another protocol version; the message says which side to update. */
public final class ProtocolVersionException extends ProtocolException {

    private final String deviceVersion;

    public ProtocolVersionException(String deviceVersion, String message) {
        super(message);
        this.deviceVersion = deviceVersion;
    }

    /** The {@code proto=} value the device reported, as text (it may not even be a number). */
    public String deviceVersion() {
        return deviceVersion;
    }
}
