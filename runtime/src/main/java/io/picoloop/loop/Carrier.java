package io.picoloop.loop;

import java.lang.reflect.Constructor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a loop's task threads run, and how the driver waits for the permit to come back.
 *
 * <p>Tasks are virtual threads. On the JDK's shared pool ({@link Mode#SHARED}) every wake-up
 * from idle is two OS hand-offs: the kernel wakes the driver at the deadline, the driver
 * unparks the task, a pool worker wakes to mount it. Each costs tens of microseconds on a busy
 * machine, and a due batch waits behind both. With {@link Mode#LOOP} the task threads are
 * built with this object as their scheduler, so the driver thread mounts them itself: a
 * wake-up is one OS wake-up of the driver, and a switch between tasks never leaves that
 * thread, as in asyncio. The JDK has no public API for a virtual thread's scheduler yet, so
 * LOOP needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the picoloop launcher and
 * jar manifest give it); without it the loop uses SHARED, same semantics, slower wake-ups.
 *
 * <p>The permit protocol does not change: one task holds it at a time. A task blocked outside
 * an await (Thread.sleep, I/O) keeps the permit; its virtual thread is unmounted and the
 * driver parks here until the JDK reschedules it through {@link #execute}.
 */
final class Carrier implements Executor {
    enum Mode { LOOP, SHARED }

    static final String PROPERTY = "picoloop.carrier";
    private static final Constructor<?> BUILDER = loopBuilderConstructor();
    private static volatile boolean noted;

    static {
        finishOneVirtualThread();
    }

    private final LoopCore loop;
    final Mode mode;
    private final Thread.Builder.OfVirtual builder;
    private final ConcurrentLinkedQueue<Runnable> mounts = new ConcurrentLinkedQueue<>();
    private volatile Thread parked;         // the driver, while parked in awaitPermit
    private ExecutorService spare;          // carrier for a loop driven from a virtual thread

    Carrier(LoopCore loop, Mode wanted) {
        this.loop = loop;
        Thread.Builder.OfVirtual b = wanted == Mode.LOOP ? loopBuilder(this) : null;
        this.mode = b != null ? Mode.LOOP : Mode.SHARED;
        this.builder = b != null ? b : Thread.ofVirtual();
    }

    /** The mode asked for by {@code -Dpicoloop.carrier=loop|shared}; LOOP by default. */
    static Mode configuredMode() {
        String v = System.getProperty(PROPERTY, "loop");
        return switch (v) {
            case "loop" -> Mode.LOOP;
            case "shared" -> Mode.SHARED;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + v
                    + " is not a carrier mode; use 'loop' (the default) or 'shared'");
        };
    }

    Thread newThread(String name, Runnable body) {
        return builder.name(name).unstarted(body);
    }

    /** Called by the JDK to (re)mount one of our task threads. Any thread. */
    @Override
    public void execute(Runnable mount) {
        Thread d = loop.driver;
        if (d != null && d.isVirtual()) {
            spare().execute(mount);         // a virtual thread cannot carry another one
            return;
        }
        mounts.add(mount);
        Thread p = parked;                  // read after the add: we see it parked, or it sees the mount
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    /**
     * Driver only: mounts task threads until a task hands the permit back ({@code driverGo}).
     * On SHARED nothing is ever queued here and this just parks.
     */
    void awaitPermit() {
        Thread me = Thread.currentThread();
        for (;;) {
            Runnable m = mounts.poll();
            if (m != null) {
                m.run();                    // runs the task until its next park, on this thread
                continue;
            }
            if (loop.driverGo) {
                return;
            }
            parked = me;
            if (mounts.isEmpty() && !loop.driverGo) {
                LockSupport.park(loop);
            }
            parked = null;
        }
    }

    /** After setting {@code driverGo}: wakes the driver if it is parked (on LOOP it usually carries us). */
    void wakeDriver() {
        Thread p = parked;
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    private synchronized Executor spare() {
        if (spare == null) {
            spare = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "picoloop-carrier");
                t.setDaemon(true);
                return t;
            });
        }
        return spare;
    }

    synchronized void close() {
        if (spare != null) {
            spare.shutdown();
            spare = null;
        }
    }

    private static Thread.Builder.OfVirtual loopBuilder(Executor scheduler) {
        if (BUILDER == null) {
            if (!noted) {
                noted = true;
                System.err.println("picoloop: tasks run on the JDK's shared virtual-thread pool (slower timer"
                        + " wake-ups); add --add-opens java.base/java.lang=ALL-UNNAMED to the java command"
                        + " to run them on the loop's own thread, or -D" + PROPERTY + "=shared to silence this");
            }
            return null;
        }
        try {
            return builderWith(scheduler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Thread.Builder.OfVirtual builderWith(Executor scheduler) throws ReflectiveOperationException {
        return (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
    }

    /**
     * Lets one virtual thread run to its end before any task does. Otherwise the JIT may
     * compile the JDK's VirtualThread.run while no virtual thread has ever ended (a program
     * starting many tasks that all sleep first), with a trap where its end path needs a class
     * not loaded yet, and every task ending through that frame is deoptimized (measured: 52,000
     * of 100,000 sleepers, several microseconds each).
     */
    private static void finishOneVirtualThread() {
        try {
            // Not a lambda: its body would be a method of this class, which the other thread
            // could not call before this class's initialisation (which waits for it) ends.
            Runnable nothing = new Nothing();
            Thread t;
            if (BUILDER != null && !Thread.currentThread().isVirtual()) {
                Executor inline = Runnable::run;        // runs it to the end right here
                t = builderWith(inline).start(nothing);
            } else {
                t = Thread.ofVirtual().start(nothing);
            }
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // only a missed optimisation
        }
    }

    /** The JDK's own (test-only) way to give virtual threads a scheduler; null if not opened to us. */
    private static Constructor<?> loopBuilderConstructor() {
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> k = c.getDeclaredConstructor(Executor.class);
            k.setAccessible(true);
            return k;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static final class Nothing implements Runnable {
        @Override
        public void run() {
        }
    }
}
