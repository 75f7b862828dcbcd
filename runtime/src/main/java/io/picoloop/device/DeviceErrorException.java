package io.picoloop.device;

import io.picoloop.protocol.Request;

/** The device answered {@code err <code> <message>}; the message is the device's. */
public final class DeviceErrorException extends DeviceException {

    private final String code;
    private final String deviceMessage;
    private final Request request;

    public DeviceErrorException(String code, String deviceMessage, Request request) {
        super(request.describe() + ": " + (deviceMessage.isEmpty() ? code : deviceMessage) + " (err " + code + ")");
        this.code = code;
        this.deviceMessage = deviceMessage;
        this.request = request;
    }

    /** {@code toolong}, {@code syntax}, {@code unknown}, {@code args}, {@code pin}, {@code mode}, {@code internal}, ... */
    public String code() {
        return code;
    }

    /** The device's message, for people. */
    public String deviceMessage() {
        return deviceMessage;
    }

    public Request request() {
        return request;
    }
}
