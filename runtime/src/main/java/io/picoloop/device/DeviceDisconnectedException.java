package io.picoloop.device;

/** The link to the device closed (unplugged, reset, closed by the program) before the reply came. */
public final class DeviceDisconnectedException extends DeviceException {

    public DeviceDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
