package io.picoloop.config;

/** A board profile that cannot be used; the message names the file, the line and the fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
