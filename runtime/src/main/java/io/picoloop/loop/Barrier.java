package io.picoloop.loop;

/** asyncio.Barrier: {@code parties} tasks await until all have arrived, then all continue; reusable. */
public final class Barrier {
    private final int parties;
    private WaitQueue waiting = new WaitQueue();

    public Barrier(int parties) {
        if (parties <= 0) {
            throw new IllegalArgumentException("parties must be positive: " + parties);
        }
        this.parties = parties;
    }

    /** Returns the arrival index, 0 for the first to arrive, {@code parties - 1} for the last. */
    public int await() {
        Async.requireTask("Barrier.await");
        int index = waiting.size();
        if (index == parties - 1) {
            WaitQueue round = waiting;
            waiting = new WaitQueue();    // the next round starts empty
            round.wakeAll();
        } else {
            waiting.await("Barrier.await");
        }
        return index;
    }

    public int waiting() {
        return waiting.size();
    }
}
