package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.DeviceException;
import org.junit.jupiter.api.Test;

/** The link's loss is said once on stderr, in whichever order the client and the command's task learn of it. */
class LossSaidOnceTest {

    private static final String LOSS = "lost the connection to /dev/ttyACM0: the board stopped answering: 3 pings in a row";

    @Test
    void aLossDuringTheRunStopsItAndItsWarningIsNotNews() {
        LossSaidOnce once = new LossSaidOnce();
        assertNotNull(once.lost(new DeviceDisconnectedException(LOSS, null)));
        assertFalse(once.news(LOSS));
        assertNotNull(once.runOver(null));
        assertFalse(once.news(LOSS));
        assertTrue(once.news("the board on /dev/ttyACM0 restarted"), "another warning is news");
    }

    /**
     * watch's task learns first (its watch ended with the loss's words) and the run ends before
     * the client's callback thread says the loss: the warning says what the failure said. On CI
     * both were printed, before this class.
     */
    @Test
    void aRunThatFailedWithTheLossesWordsBeforeTheLossWasSaidHoldsBackItsWarning() {
        LossSaidOnce once = new LossSaidOnce();
        assertNull(once.runOver(new DeviceException(LOSS)));
        assertNull(once.lost(new DeviceDisconnectedException(LOSS, null)), "the run is over: nothing to stop");
        assertFalse(once.news(LOSS));
        assertTrue(once.news(LOSS), "held back once: a second warning is news");
    }

    @Test
    void aFailureOnTheClosedLinkSaysTheLossInOtherWords() {
        LossSaidOnce once = new LossSaidOnce();
        assertNull(once.runOver(new DeviceDisconnectedException("the button on GP14 is no longer watched", null)));
        once.lost(new DeviceDisconnectedException(LOSS, null));
        assertFalse(once.news(LOSS));
    }

    @Test
    void aRunThatEndedWellHearsTheLossAsNews() {
        LossSaidOnce once = new LossSaidOnce();
        assertNull(once.runOver(null));
        assertNull(once.lost(new DeviceDisconnectedException(LOSS, null)));
        assertTrue(once.news(LOSS));
    }

    @Test
    void aRunThatFailedOtherwiseHearsTheLossAsNews() {
        LossSaidOnce once = new LossSaidOnce();
        once.runOver(new IllegalStateException("--pin 99 is not a GPIO of this board"));
        once.lost(new DeviceDisconnectedException(LOSS, null));
        assertTrue(once.news(LOSS));
    }
}
