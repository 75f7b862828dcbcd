package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

/** Linux only: the driver thread sleeps with a 10 us timer slack while it drives, and gets its own back. */
class TimerSlackTest {
    private static final int PR_GET_TIMERSLACK = 30;

    @Test
    void theDriverSleepsWithTenMicrosecondsOfSlackWhileItDrivesAndGetsItsOwnBack() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "timer slack is a Linux feature");
        assumeTrue(!"shared".equals(System.getProperty("picoloop.carrier")), "needs tasks on the driver's thread");
        MethodHandle prctl = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("prctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
        long before = slackOf(prctl);
        EventLoop loop = EventLoop.create();
        long during = loop.run(() -> {
            // A task rides the driver's thread, so it reads the driver's slack. The native call
            // is linked in the background, and the slack set at the next idle wait after that.
            long slack = -1;
            for (int i = 0; i < 2000 && slack != 10_000; i++) {
                Async.sleepMs(1);
                slack = slackOf(prctl);
            }
            return slack;
        });
        assertEquals(10_000, during);
        assertEquals(before, slackOf(prctl));
    }

    private static long slackOf(MethodHandle prctl) {
        try {
            return (int) prctl.invokeExact(PR_GET_TIMERSLACK, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
