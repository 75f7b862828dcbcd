package io.picoloop.loop;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Linux lets a timed sleep end up to the thread's "timer slack" late (50 us by default) so
 * that it can batch wake-ups. For a loop whose whole job is waking at deadlines that is most
 * of its lateness, so the driver thread asks for 1 us of slack while it drives (prctl
 * PR_SET_TIMERSLACK) and puts the old value back afterwards. Elsewhere, or if native access is
 * not enabled, this does nothing and the loop is simply that much later.
 */
final class TimerSlack {
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;
    private static final long LOOP_SLACK_NANOS = 10_000;
    private static final MethodHandle PRCTL = lookupPrctl();

    private TimerSlack() {
    }

    /** Sets the calling thread's slack to 1 us; returns the previous value to restore, or -1. */
    static long tighten() {
        if (PRCTL == null) {
            return -1;
        }
        try {
            long old = (int) PRCTL.invokeExact(PR_GET_TIMERSLACK, 0L);
            if (old < 0 || (int) PRCTL.invokeExact(PR_SET_TIMERSLACK, LOOP_SLACK_NANOS) != 0) {
                return -1;
            }
            return old;
        } catch (Throwable e) {
            return -1;
        }
    }

    static void restore(long old) {
        if (PRCTL == null || old < 0) {
            return;
        }
        try {
            int ignored = (int) PRCTL.invokeExact(PR_SET_TIMERSLACK, old);
        } catch (Throwable e) {
            // nothing to do: the thread keeps the tighter slack
        }
    }

    private static MethodHandle lookupPrctl() {
        if (!System.getProperty("os.name", "").startsWith("Linux")
                || !TimerSlack.class.getModule().isNativeAccessEnabled()) {
            return null;        // no native access: no JDK warning either, just the default slack
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("prctl")
                    .map(addr -> linker.downcallHandle(addr, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1)))
                    .orElse(null);
        } catch (Throwable e) {       // IllegalCallerException without --enable-native-access, etc.
            return null;
        }
    }
}
