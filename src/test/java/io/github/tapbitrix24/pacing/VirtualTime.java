package io.github.tapbitrix24.pacing;

import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.portal.PortalClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One virtual clock for the tap and the simulator, with an account of what moved it. The
 * simulator's MANUAL {@link PortalClock} is the clock; four things move it, and each is booked:
 * <ul>
 *   <li><b>server</b>: the simulator, by each request's simulated processing time
 *       ({@code advanceClockOnRequest}, the cost model) or, after {@link #replayServerTimes}, by
 *       given response times (measured on the real clock); booked when the simulator reports the
 *       request served;</li>
 *   <li><b>rate waits</b>, <b>operating-time pauses</b> and <b>back-off</b>: the tap's {@link #sleeper()},
 *       which advances the clock instead of sleeping; a sleep is told apart by the tap class that asked
 *       for it (its leaky bucket {@code RequestBudget}, its {@code OperatingBudget}, the retries of a request
 *       or a sub-call); a sleep of any other class is booked as an <b>other wait</b> and the class named,
 *       so a new kind of wait shows instead of being counted as one of these;</li>
 *   <li><b>client</b>: the tap's own work. The CPU time of the threads that run the tap (the given
 *       thread, and the scheduler's lanes, threads named {@code lane …}, which run one at a time:
 *       client, parsing, coercion, writer) is added to the clock whenever such a thread reads the
 *       clock or sleeps, so the bucket and the budgets see the time the tap really spent
 *       computing, in the order it spent it.</li>
 * </ul>
 * A move of the clock that none of them made is booked as <b>unaccounted</b>, so the account
 * shows when something else (a second thread, a skew) moved it. The tap's threads never run at the
 * same time (docs/scheduler.md), so their CPU times add up in the order they were spent.
 */
public final class VirtualTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Where virtual time went, in nanoseconds; {@code requests} counts HTTP requests the simulator served. */
    public record Account(long server, long rateWaits, long pauses, long backoff, long otherWaits, long client,
                          long unaccounted, long requests, long refused) {
        public long total() {
            return server + rateWaits + pauses + backoff + otherWaits + client + unaccounted;
        }

        public Account minus(Account o) {
            return new Account(server - o.server, rateWaits - o.rateWaits, pauses - o.pauses, backoff - o.backoff,
                    otherWaits - o.otherWaits, client - o.client, unaccounted - o.unaccounted, requests - o.requests,
                    refused - o.refused);
        }

        public static double seconds(long nanos) {
            return nanos / 1e9;
        }
    }

    private final PortalClock clock;
    private final Thread tap;
    private final boolean chargeCpu;
    private long[] replay;
    private int replayed;
    private long firstStart = -1; // epoch nanos when the first request since markSpan() went out
    private long lastAnswer = -1;
    /** Per tap thread, its CPU time already added to the clock. */
    private final java.util.Map<Long, Long> cpuSeen = new java.util.HashMap<>();
    private long seenAt; // epoch nanos of the clock as last booked
    private long server;
    private long rateWaits;
    private long pauses;
    private long backoff;
    private long otherWaits;
    private final java.util.Set<String> otherWaiters = new java.util.TreeSet<>();
    private long client;
    private long unaccounted;
    private long requests;
    private long refused;

    /**
     * @param clock     the simulator's MANUAL clock
     * @param tap       the thread that runs the tap
     * @param chargeCpu add the tap thread's CPU time to the clock (off: client time is zero)
     */
    public VirtualTime(PortalClock clock, Thread tap, boolean chargeCpu) {
        if (clock.mode() != PortalClock.Mode.MANUAL) {
            throw new IllegalArgumentException("a virtual clock needs the simulator's MANUAL clock");
        }
        this.clock = clock;
        this.tap = tap;
        this.chargeCpu = chargeCpu;
        if (chargeCpu) {
            cpuSeen.put(tap.getId(), THREADS.getThreadCpuTime(tap.getId()));
        }
        this.seenAt = nanos(clock.instant());
    }

    /**
     * From now on the n-th answered request takes {@code serverNanos[n]} of server time, e.g. the
     * response times measured in a run on the real clock; the simulator must not move the clock
     * itself (start it with {@code advanceClockOnRequest} off).
     */
    public synchronized void replayServerTimes(long[] serverNanos) {
        replay = serverNanos.clone();
        replayed = 0;
    }

    /** Starts a new span: {@link #span()} then runs from the next request to the last answer. */
    public synchronized void markSpan() {
        firstStart = -1;
        lastAnswer = -1;
    }

    /** Nanoseconds from the first request after {@link #markSpan()} going out to the last answer (0: none). */
    public synchronized long span() {
        return firstStart < 0 ? 0 : lastAnswer - firstStart;
    }

    /** The clock the tap gets: virtual, in UTC, charging the tap thread's CPU time on every read. */
    public Clock tapClock() {
        return new Clock() {
            @Override
            public Instant instant() {
                chargeClient();
                return clock.instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the tap's virtual clock stays in UTC");
            }
        };
    }

    /** The sleeper the tap gets: moves the clock by the duration and books it by who asked. */
    public Sleeper sleeper() {
        return this::sleep;
    }

    private synchronized void sleep(Duration d) {
        chargeClient();
        if (d.isNegative() || d.isZero()) {
            return;
        }
        clock.advance(d);
        seenAt += d.toNanos();
        String who = askedBy();
        switch (who) {
            case "RequestBudget" -> rateWaits += d.toNanos();
            // the scheduler sleeps only when every stream waits for a method's operating-time reset
            // (or, rarely, a failed sub-call's back-off): docs/scheduler.md
            case "OperatingBudget", "Scheduler" -> pauses += d.toNanos();
            case "Retrier", "StreamCalls" -> backoff += d.toNanos(); // a failed request, a failed sub-call
            default -> {
                otherWaits += d.toNanos(); // a wait this account does not know yet: named, not guessed
                otherWaiters.add(who);
            }
        }
    }

    /** The first class of the tap on the stack (outside this package): who asked to sleep. */
    private static String askedBy() {
        return StackWalker.getInstance().walk(s -> s
                .map(f -> f.getClassName())
                .filter(c -> c.startsWith("io.github.tapbitrix24.") && !c.startsWith(VirtualTime.class.getPackageName() + "."))
                .map(c -> c.substring(c.lastIndexOf('.') + 1))
                .filter(c -> !c.startsWith("Sleeper"))
                .map(c -> c.contains("$") ? c.substring(0, c.indexOf('$')) : c)
                .findFirst().orElse("?"));
    }

    /** The tap classes whose sleeps were booked as other waits. */
    public synchronized java.util.Set<String> otherWaiters() {
        return java.util.Set.copyOf(otherWaiters);
    }

    /** The simulator served a request (its listener, on a server thread): books the server time it took. */
    public synchronized void served(int httpStatus) {
        if (firstStart < 0) {
            firstStart = seenAt; // the tap's last move of the clock: when it sent this request
        }
        requests++;
        if (httpStatus == 503 || httpStatus == 429) {
            refused++;
        }
        if (replay != null && httpStatus == 200) {
            // past the end of the given times (the runs differ) a request takes none; replayed() tells
            if (replayed < replay.length) {
                clock.advance(Duration.ofNanos(replay[replayed]));
            }
            replayed++;
        }
        long now = nanos(clock.instant());
        server += now - seenAt;
        seenAt = now;
        lastAnswer = now;
    }

    /** Books what is left (the tap's CPU after its last clock read) and returns the account so far. */
    public synchronized Account account() {
        if (isTap(Thread.currentThread())) {
            chargeClient();
        }
        book();
        return new Account(server, rateWaits, pauses, backoff, otherWaits, client, unaccounted, requests, refused);
    }

    /** Virtual now, epoch nanoseconds. */
    public long now() {
        return nanos(clock.instant());
    }

    /** How many answered requests there were since {@link #replayServerTimes} (compare with the times given). */
    public synchronized int replayed() {
        return replayed;
    }

    private synchronized void chargeClient() {
        book();
        Thread current = Thread.currentThread();
        if (!chargeCpu || !isTap(current)) {
            return;
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        long spent = cpu - cpuSeen.getOrDefault(current.getId(), 0L); // a lane's thread starts at 0
        if (spent > 0) {
            clock.advance(Duration.ofNanos(spent));
            seenAt += spent;
            client += spent;
            cpuSeen.put(current.getId(), cpu);
        }
    }

    /** Books any move of the clock since the last booking that none of the known causes made. */
    private void book() {
        long now = nanos(clock.instant());
        if (now != seenAt) {
            unaccounted += now - seenAt;
            seenAt = now;
        }
    }

    /** The given tap thread, or a lane of the tap's scheduler (extract.scheduler.Lane names its threads so). */
    private boolean isTap(Thread t) {
        return t == tap || t.getName().startsWith("lane ");
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
