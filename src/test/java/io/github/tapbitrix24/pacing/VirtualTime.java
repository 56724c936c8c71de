package io.github.tapbitrix24.pacing;

import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.portal.PortalClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Predicate;

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
 *       or a sub-call; a scheduler's wait for the earliest of them when every stream waits, by what ends it:
 *       {@link #schedulerWaits}); a sleep of any other class is booked as an <b>other wait</b> and the class
 *       named, so a new kind of wait shows instead of being counted as one of these;</li>
 *   <li><b>client</b>: the tap's own work. The CPU time of the threads that run the tap
 *       ({@link TapThreads}: its own thread and any it starts, e.g. a scheduler's lanes, which run one
 *       at a time) is added to the clock whenever one of them reads the clock or sleeps, so the bucket
 *       and the budgets see the time the tap really spent computing, in the order it spent it.</li>
 * </ul>
 * A move of the clock that none of them made is booked as <b>unaccounted</b>, so the account
 * shows when something else (a thread outside the tap, a skew) moved it.
 */
public final class VirtualTime {
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
    private final TapThreads tap;
    private final boolean chargeCpu;
    private long[] replay;
    private int replayed;
    private long firstStart = -1; // epoch nanos when the first request since markSpan() went out
    private long lastAnswer = -1;
    private long seenAt; // epoch nanos of the clock as last booked
    private long server;
    private long rateWaits;
    private long pauses;
    private long backoff;
    private long otherWaits;
    private final java.util.Set<String> otherWaiters = new java.util.TreeSet<>();
    private Predicate<Instant> endsAPause;
    private long client;
    private long unaccounted;
    private long requests;
    private long refused;

    /**
     * @param clock     the simulator's MANUAL clock
     * @param tap       the threads that run the tap (run it through {@link TapThreads#run})
     * @param chargeCpu add the tap threads' CPU time to the clock (off: client time is zero)
     */
    public VirtualTime(PortalClock clock, TapThreads tap, boolean chargeCpu) {
        if (clock.mode() != PortalClock.Mode.MANUAL) {
            throw new IllegalArgumentException("a virtual clock needs the simulator's MANUAL clock");
        }
        this.clock = clock;
        this.tap = tap;
        this.chargeCpu = chargeCpu;
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

    /** The clock the tap gets: virtual, in UTC, charging the tap threads' CPU time on every read by one of them. */
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

    /**
     * Tells the account how to book the waits a scheduler asks for (a class named {@code Scheduler}): it sleeps only
     * when every stream left waits, until the earliest of a method's operating-time reset or a failed sub-call's
     * back-off, and the stack cannot tell which. {@code endsAPause} answers, before the clock moves, whether the
     * wait's end is a method's reset (the tap's own budget knows: {@code BitrixApi.pausedUntil}); without it such
     * waits are other waits.
     */
    public synchronized void schedulerWaits(Predicate<Instant> endsAPause) {
        this.endsAPause = endsAPause;
    }

    private synchronized void sleep(Duration d) {
        long askedAt = seenAt; // the clock as the asker last read it: it asked to sleep until askedAt + d
        chargeClient();
        if (d.isNegative() || d.isZero()) {
            return;
        }
        String who = askedBy();
        if (who.equals("Scheduler")) {
            Instant until = Instant.ofEpochSecond(0, askedAt).plus(d);
            who = endsAPause == null ? who : endsAPause.test(until) ? "Scheduler: operating-time reset" : "Scheduler: back-off";
        }
        clock.advance(d);
        seenAt += d.toNanos();
        switch (who) {
            case "RequestBudget" -> rateWaits += d.toNanos();
            case "OperatingBudget", "Scheduler: operating-time reset" -> pauses += d.toNanos();
            // a failed request, a failed sub-call, the scheduler waiting for a failed sub-call's retry
            case "Retrier", "StreamCalls", "Scheduler: back-off" -> backoff += d.toNanos();
            default -> {
                otherWaits += d.toNanos(); // a wait this account does not know yet: named, not guessed
                otherWaiters.add(who);
            }
        }
    }

    /**
     * The first class of the tap on the stack (outside this package): who asked to sleep. A sleeper that only hands
     * the sleep on (a lambda made in a method named {@code sleeper}, as a scheduler's outside its lanes) is passed
     * over for its caller.
     */
    private static String askedBy() {
        return StackWalker.getInstance().walk(s -> s
                .filter(f -> f.getClassName().startsWith("io.github.tapbitrix24.")
                        && !f.getClassName().startsWith(VirtualTime.class.getPackageName() + "."))
                .filter(f -> !f.getMethodName().startsWith("lambda$sleeper$"))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1))
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
        if (tap.contains(Thread.currentThread())) {
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
        if (!chargeCpu || !tap.contains(Thread.currentThread())) {
            return;
        }
        long spent = tap.spentSinceLastCall();
        if (spent > 0) {
            clock.advance(Duration.ofNanos(spent));
            seenAt += spent;
            client += spent;
        }
    }

    /** The threads that run the tap. */
    public TapThreads threads() {
        return tap;
    }

    /** Books any move of the clock since the last booking that none of the known causes made. */
    private void book() {
        long now = nanos(clock.instant());
        if (now != seenAt) {
            unaccounted += now - seenAt;
            seenAt = now;
        }
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
