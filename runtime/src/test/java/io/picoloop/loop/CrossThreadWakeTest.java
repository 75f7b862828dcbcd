package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wake-ups that come from other threads, on the real clock, many times over: each kind a
 * program meets (a post, a future completed elsewhere, a contended java.util.concurrent lock,
 * a blocking call inside a task) must reach the task every time. A lost wake-up shows as this
 * test hanging until JUnit's timeout; it runs once per carrier mode (see the runtime pom).
 */
class CrossThreadWakeTest {
    private static final int ROUNDS = 10_000;

    @Test
    @Timeout(60)
    void everyWakeUpFromAnotherThreadReachesTheTask() throws Exception {
        EventLoop loop = EventLoop.create();
        loop.setReporter(new RecordingReporter());          // a loaded machine may report held loops
        BlockingQueue<Integer> toPeer = new ArrayBlockingQueue<>(1);
        BlockingQueue<Integer> fromPeer = new ArrayBlockingQueue<>(1);   // contended with the peer
        Event posted = new Event();
        int[] seen = new int[4];
        Thread peer = Thread.ofPlatform().daemon().name("peer").start(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    int kind = toPeer.take();
                    pause();
                    switch (kind) {
                        case 0 -> loop.post(posted::set);
                        case 1 -> fromPeer.put(i);
                        default -> { }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int done = loop.run(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                int kind = i % 4;
                switch (kind) {
                    case 0 -> {                                   // loop.post from the peer
                        posted.clear();
                        toPeer.put(kind);
                        posted.await();
                    }
                    case 1 -> {                                   // a blocking take, inside the task
                        toPeer.put(kind);
                        fromPeer.take();
                    }
                    case 2 -> {                                   // a future completed on another thread
                        toPeer.put(kind);
                        CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> {
                            pause();
                            return 7;
                        });
                        assertEquals(7, Async.await(f));
                    }
                    default -> {                                  // Thread.sleep keeps the loop, then a timer
                        toPeer.put(kind);
                        Thread.sleep(0, 50_000);
                        Async.sleep(Duration.ofNanos(20_000));
                    }
                }
                seen[kind]++;
            }
            return seen[0] + seen[1] + seen[2] + seen[3];
        });
        peer.join(5_000);
        assertEquals(ROUNDS, done);
        assertEquals(ROUNDS / 4, seen[1]);
    }

    private static void pause() {
        if (ThreadLocalRandom.current().nextBoolean()) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(1, 200_000));
        }
    }
}
