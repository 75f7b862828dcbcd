package io.picoloop.loop;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Linux lets a timed sleep end up to the thread's "timer slack" late (50 us by default) so
 * that it can batch wake-ups. For a loop whose whole job is waking at deadlines that is most
 * of its lateness, so the driver thread asks for 10 us of slack while it drives (prctl
 * PR_SET_TIMERSLACK) and puts the old value back afterwards. Elsewhere, or if native access is
 * not enabled, this does nothing and the loop is simply that much later.
 */
final class TimerSlack {
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;
    private static final long LOOP_SLACK_NANOS = 10_000;
    // Linking a first native call costs the JVM 60-90 ms, so it happens on a helper thread
    // while the program starts; a loop that starts driving before it is ready tightens its
    // slack at its next idle wait (tightenWhenReady).
    private static volatile MethodHandle prctl;

    static {
        if (System.getProperty("os.name", "").startsWith("Linux")
                && TimerSlack.class.getModule().isNativeAccessEnabled()) {
            Thread.ofPlatform().daemon().name("picoloop-timer-slack").start(TimerSlack::link);
        }
    }

    private TimerSlack() {
    }

    /**
     * If the native call is linked and {@code state} is {@link #PENDING}: sets the calling
     * thread's slack and returns the value to restore; otherwise returns {@code state}.
     */
    static long tightenWhenReady(long state) {
        return state == PENDING && prctl != null ? tighten() : state;
    }

    /** Returned while the native call is not linked yet; restore ignores it. */
    static final long PENDING = -2;

    /** Sets the calling thread's slack to 10 us; returns the previous value to restore, PENDING, or -1. */
    static long tighten() {
        MethodHandle h = prctl;
        if (h == null) {
            return PENDING;
        }
        try {
            long old = (int) h.invokeExact(PR_GET_TIMERSLACK, 0L);
            if (old < 0 || (int) h.invokeExact(PR_SET_TIMERSLACK, LOOP_SLACK_NANOS) != 0) {
                return -1;
            }
            return old;
        } catch (Throwable e) {
            return -1;
        }
    }

    static void restore(long old) {
        MethodHandle h = prctl;
        if (h == null || old < 0) {
            return;
        }
        try {
            int ignored = (int) h.invokeExact(PR_SET_TIMERSLACK, old);
        } catch (Throwable e) {
            // nothing to do: the thread keeps the tighter slack
        }
    }

    /** Only with native access enabled (else no JDK warning either, just the default slack). */
    private static void link() {
        try {
            Linker linker = Linker.nativeLinker();
            prctl = linker.defaultLookup().find("prctl")
                    .map(addr -> linker.downcallHandle(addr, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1)))
                    .orElse(null);
        } catch (Throwable e) {       // no prctl, an unexpected linker failure: keep the default slack
            prctl = null;
        }
    }
}
