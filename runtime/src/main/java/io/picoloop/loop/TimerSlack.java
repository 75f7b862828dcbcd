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
    /** Returned while the native call is not linked yet; restore ignores it. */
    static final long PENDING = -2;
    // Only with native access enabled: otherwise no JDK warning either, just the default slack.
    private static final boolean WANTED = System.getProperty("os.name", "").startsWith("Linux")
            && TimerSlack.class.getModule().isNativeAccessEnabled();
    // Linking a first native call costs the JVM 60-90 ms and its first invocation several more,
    // so both happen on a helper thread; a loop that starts driving before it is ready tightens its
    // slack at its next idle wait (tightenWhenReady). The helper first waits LINK_AFTER_MS: a
    // program that ends by then (blink --count 1) never pays for the link, on a 2-core Pi nearly
    // a core's worth of its start.
    private static final long LINK_AFTER_MS = 150;
    private static volatile MethodHandle prctl;

    static {
        if (WANTED) {
            Thread.ofPlatform().daemon().name("picoloop-timer-slack").start(TimerSlack::linkLater);
        }
    }

    private TimerSlack() {
    }

    /** While {@code state} is {@link #PENDING}: tries {@link #tighten} again; otherwise returns {@code state}. */
    static long tightenWhenReady(long state) {
        return state == PENDING ? tighten() : state;
    }

    /**
     * Sets the calling thread's slack to 10 us; returns the previous value to restore,
     * PENDING while the native call is still being linked, or -1 (not here, or it failed).
     */
    static long tighten() {
        if (!WANTED) {
            return -1;
        }
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

    private static void linkLater() {
        try {
            Thread.sleep(LINK_AFTER_MS);
        } catch (InterruptedException e) {
            return;
        }
        link();
    }

    private static void link() {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle h = linker.defaultLookup().find("prctl")
                    .map(addr -> linker.downcallHandle(addr, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1)))
                    .orElse(null);
            if (h != null) {
                // The first invocation still links the stub's constants (several ms): pay it here,
                // with a harmless read of this helper's own slack, not on a driver about to sleep.
                int ignored = (int) h.invokeExact(PR_GET_TIMERSLACK, 0L);
            }
            prctl = h;
        } catch (Throwable e) {       // no prctl, an unexpected linker failure: keep the default slack
            prctl = null;
        }
    }
}
