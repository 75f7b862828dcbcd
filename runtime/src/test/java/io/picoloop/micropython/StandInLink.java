package io.picoloop.micropython;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A port with something other than MicroPython behind it: silence, a fixed answer, endless output. */
final class StandInLink implements ByteLink {

    private final byte[] answer;
    private final boolean endless;
    private int pending;
    private int at;

    private StandInLink(String answer, boolean endless) {
        this.answer = answer.getBytes(StandardCharsets.US_ASCII);
        this.endless = endless;
        this.pending = endless ? Integer.MAX_VALUE : 0;
    }

    /** Says nothing, whatever it is sent. */
    static StandInLink silent() {
        return new StandInLink("", false);
    }

    /** Answers every write with {@code answer} (a modem, a pico-sdk program echoing). */
    static StandInLink answering(String answer) {
        return new StandInLink(answer, false);
    }

    /** Prints {@code line} again and again, whatever it is sent (a program that turned Ctrl-C off). */
    static StandInLink chattering(String line) {
        return new StandInLink(line, true);
    }

    @Override
    public synchronized int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        if (pending == 0 || answer.length == 0) {
            try {
                Thread.sleep(Math.min(timeoutMs, 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        int n = Math.min(len, Math.min(pending, answer.length - at));
        System.arraycopy(answer, at, buf, off, n);
        at = (at + n) % answer.length;
        if (!endless) {
            pending -= n;
        }
        return n;
    }

    @Override
    public synchronized void write(byte[] data) {
        if (!endless) {
            pending += answer.length;
        }
    }

    @Override
    public String description() {
        return "stand-in";
    }

    @Override
    public void close() {
    }
}
