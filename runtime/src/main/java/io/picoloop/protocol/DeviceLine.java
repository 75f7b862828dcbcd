package io.picoloop.protocol;

/** One line the device sends: a reply to a request, or an event ({@code ! ...}). */
public sealed interface DeviceLine permits Reply, DeviceEvent {

    /** The line as the device would send it, without the newline. */
    String encode();
}
