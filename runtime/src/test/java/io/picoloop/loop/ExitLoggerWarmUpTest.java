package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The warm-up calls the JDK's exit logging only where it cannot log: a user who switched exit
 * logging on must not read of an exit that did not happen.
 */
class ExitLoggerWarmUpTest {

    @Test
    void anyLoggingSettingOfTheUsersOwnLeavesItAlone() {
        assertTrue(ExitLoggerWarmUp.exitLoggingIsOff(), "the JDK's defaults here");
        for (String property : new String[] {"jdk.system.logger.level", "java.util.logging.config.file",
            "java.util.logging.config.class"}) {
            System.setProperty(property, "DEBUG");
            try {
                assertFalse(ExitLoggerWarmUp.exitLoggingIsOff(), property);
            } finally {
                System.clearProperty(property);
            }
        }
    }
}
