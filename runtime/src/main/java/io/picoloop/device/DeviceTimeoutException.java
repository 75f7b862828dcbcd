package io.picoloop.device;

import io.picoloop.protocol.Request;

/** The device did not answer a request in time. */
public final class DeviceTimeoutException extends DeviceException {

    private final Request request;

    public DeviceTimeoutException(Request request, String message) {
        super(message);
        this.request = request;
    }

    public Request request() {
        return request;
    }
}
