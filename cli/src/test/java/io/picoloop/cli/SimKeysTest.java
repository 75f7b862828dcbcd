package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the keyboard button tells a shell's background job (whose terminal it must leave alone). */
class SimKeysTest {

    // /proc/self/stat: pid (comm) state ppid pgrp session tty_nr tpgid flags ...
    @Test
    void aJobWhoseTerminalForegroundIsAnotherGroupIsInTheBackground() {
        assertTrue(SimKeys.isBackgroundJob("4242 (java) S 4100 4242 4100 34817 4300 4194560 0 0"));
    }

    @Test
    void theForegroundJobIsNot() {
        assertFalse(SimKeys.isBackgroundJob("4242 (java) S 4100 4242 4100 34817 4242 4194560 0 0"));
    }

    @Test
    void aProcessWithoutATerminalIsNot() {
        assertFalse(SimKeys.isBackgroundJob("4242 (java) S 1 4242 4242 0 -1 4194560 0 0"));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkippedWhole() {
        assertTrue(SimKeys.isBackgroundJob("4242 (my (odd) name) S 4100 4242 4100 34817 4300 0"));
        assertFalse(SimKeys.isBackgroundJob("4242 (x) 4300) S 4100 4242 4100 34817 4242 0"));
    }

    @Test
    void anUnreadableStatIsNotTakenForABackgroundJob() {
        assertFalse(SimKeys.isBackgroundJob(null));
        assertFalse(SimKeys.isBackgroundJob("garbage"));
        assertFalse(SimKeys.isBackgroundJob("1 (x) S 1"));
    }
}
