package io.github.tapbitrix24.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The tap's CPU time on the virtual clock when the tap runs on more than one thread (a scheduler's
 * lanes, one at a time): a thread the tap starts is charged when a tap thread next reads the clock,
 * and the threads outside the tap (the simulator's, the caller's) are not.
 */
class TapThreadsTest {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Test
    void aThreadTheTapStartsIsChargedWhenTheTapNextReadsTheClock() {
        PortalClock portal = PortalClock.manual(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
        VirtualTime time = new VirtualTime(portal, new TapThreads(), true);
        Clock tapClock = time.tapClock();
        long[] laneCpu = new long[1];
        time.threads().run(() -> {
            tapClock.instant();
            Thread lane = new Thread(() -> {
                burn(200_000_000L);
                laneCpu[0] = THREADS.getCurrentThreadCpuTime();
                tapClock.instant(); // a lane's own read of the clock charges it, as the runner's does
                burn(100_000_000L);
            }, "lane");
            lane.start();
            join(lane);
            return null;
        });
        burn(100_000_000L); // the caller's CPU: not the tap's
        VirtualTime.Account a = time.account();
        assertTrue(a.client() >= laneCpu[0], "the lane's CPU up to its last clock read: " + a.client() + " >= " + laneCpu[0]);
        assertTrue(a.client() < laneCpu[0] + time.threads().runnerCpu() + 50_000_000L,
                "not the lane's CPU after that read (it ended unread), nor the caller's: " + a.client());
        assertEquals(a.client(), a.total(), "only client time moved the clock");
        assertEquals(Instant.parse("2026-12-02T10:00:00Z").plusNanos(a.client()), portal.instant());
    }

    private static void burn(long nanos) {
        long end = THREADS.getCurrentThreadCpuTime() + nanos;
        long x = 0;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
