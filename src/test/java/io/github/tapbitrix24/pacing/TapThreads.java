package io.github.tapbitrix24.pacing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The threads that run the tap, so that all of its CPU time is charged to the virtual clock: a
 * thread group of its own, in which {@link #run} starts the tap; every thread the tap starts (a
 * scheduler's lanes, its HTTP client's helpers) joins the group by default. The simulator's threads
 * are made outside it (its HTTP server's dispatcher and workers start with the simulator), so their
 * CPU, which is server time, is not counted here.
 *
 * <p>{@link #spentSinceLastCall} reads the CPU time of every live thread of the group. A thread that
 * has ended can no longer be asked, so what it spent after the previous call is lost: the tail of a
 * lane's work after its last clock read (the tap reads the clock before every request and at every
 * stream's start and end, so the tail is the end of one stream's bookkeeping).
 */
public final class TapThreads {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ThreadGroup group = new ThreadGroup("tap");
    /** CPU nanoseconds of each live thread of the group when last read. */
    private final Map<Long, Long> seen = new HashMap<>();
    private long runnerCpu;

    /** Whether {@code t} is one of the tap's threads. */
    public boolean contains(Thread t) {
        return t.getThreadGroup() == group;
    }

    /**
     * Runs {@code body} on a new thread of the group and returns what it returned (or throws what it threw);
     * the calling thread waits.
     */
    public <T> T run(Supplier<T> body) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(group, () -> {
            try {
                result.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                runnerCpu = THREADS.getCurrentThreadCpuTime();
            }
        }, "tap");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the tap ran", e);
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        } else if (failure.get() instanceof Error e) {
            throw e;
        } else if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    /** CPU nanoseconds of the thread {@link #run} started, read as it ended (the whole tap, unless it started threads). */
    public long runnerCpu() {
        return runnerCpu;
    }

    /**
     * CPU nanoseconds the group's live threads spent since the previous call (a thread first seen counts from its
     * start). Call it from a thread of the group: the call's own cost on that thread is not counted.
     */
    public synchronized long spentSinceLastCall() {
        Thread[] live = new Thread[group.activeCount() + 8];
        int n = group.enumerate(live, true);
        Map<Long, Long> now = new HashMap<>();
        long spent = 0;
        for (Thread t : Arrays.asList(live).subList(0, n)) {
            long cpu = THREADS.getThreadCpuTime(t.getId());
            if (cpu < 0) {
                continue; // ended meanwhile
            }
            spent += cpu - seen.getOrDefault(t.getId(), 0L);
            now.put(t.getId(), cpu);
        }
        if (contains(Thread.currentThread())) {
            now.put(Thread.currentThread().getId(), THREADS.getCurrentThreadCpuTime()); // this sweep is the measurement's, not the tap's
        }
        seen.clear();
        seen.putAll(now);
        return spent;
    }
}
