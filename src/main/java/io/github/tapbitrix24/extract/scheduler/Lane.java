package io.github.tapbitrix24.extract.scheduler;

import io.github.tapbitrix24.bitrix.RequestStats;

/**
 * One piece of sequential work of a run (a stream's read with its children and deletion sweep)
 * on a thread of its own, which runs only while it holds the {@link Baton}. It runs until it needs
 * the API, then parks with its request ({@link #park}) and hands the baton back; the scheduler
 * answers it in a later shared request. Plain reader code so runs interleaved with other
 * streams' without being rewritten as a state machine.
 */
final class Lane {
    /** Thrown inside a parked lane whose run was given up (another lane failed): unwinds it. */
    static final class Cancelled extends Error {
        Cancelled() {
            super("the run ended before this stream finished", null, false, false);
        }
    }

    enum Status { WAITING_TO_START, RUNNABLE, PARKED, DONE }

    final String name;
    /** Position in the run's order: ties between equally old requests go to the lower index. */
    final int index;
    /** The lane that must end before this one starts, or null. */
    final Lane after;
    private final Runnable body;
    private final Baton baton;
    private final Object scheduler;

    Status status = Status.WAITING_TO_START;
    LaneRequest request;
    /** The scheduler's request count when {@link #request} was made: the oldest wait goes first. */
    long waitingSince;
    private Object answer;
    private boolean cancelled;
    Throwable failure;
    long httpRequests;
    long subCalls;

    Lane(String name, int index, Lane after, Runnable body, Baton baton, Object scheduler) {
        this.name = name;
        this.index = index;
        this.after = after;
        this.body = body;
        this.baton = baton;
        this.scheduler = scheduler;
    }

    /** Starts the thread; it waits for the baton before running the body. */
    void start() {
        status = Status.RUNNABLE;
        Thread thread = new Thread(this::runBody, "lane " + name);
        // Daemon: a lane left parked by a failure elsewhere never keeps the JVM alive.
        thread.setDaemon(true);
        thread.start();
    }

    private void runBody() {
        baton.await(this);
        try {
            if (!cancelled) {
                body.run();
            }
        } catch (Cancelled c) {
            // unwound on purpose
        } catch (Throwable t) {
            failure = t;
        } finally {
            status = Status.DONE;
            request = null;
            baton.give(scheduler);
        }
    }

    /** Called on the lane's own thread: waits, without the baton, until the scheduler answers. */
    Object park(LaneRequest what, long now) {
        request = what;
        waitingSince = now;
        status = Status.PARKED;
        baton.give(scheduler);
        baton.await(this);
        if (cancelled) {
            throw new Cancelled();
        }
        Object a = answer;
        answer = null;
        if (a instanceof RuntimeException e) {
            throw e;
        }
        return a;
    }

    /** The scheduler's answer (a result, or a RuntimeException to throw in the lane); runnable again. */
    void answer(Object a) {
        answer = a;
        request = null;
        status = Status.RUNNABLE;
    }

    void cancel() {
        cancelled = true;
        status = Status.RUNNABLE;
    }

    RequestStats stats(long retries) {
        return new RequestStats(httpRequests, subCalls, retries);
    }
}
