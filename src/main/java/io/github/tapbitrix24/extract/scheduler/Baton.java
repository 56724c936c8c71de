package io.github.tapbitrix24.extract.scheduler;

/**
 * Who may run now: the scheduler or exactly one lane. Every hand-over goes through this monitor,
 * so whatever one holder wrote (records, state, counters) is visible to the next, and the run
 * is as deterministic as a single thread: no two lanes ever run at the same time.
 */
final class Baton {
    private Object holder;

    Baton(Object first) {
        this.holder = first;
    }

    synchronized void give(Object next) {
        holder = next;
        notifyAll();
    }

    /** Blocks until {@code me} holds the baton. */
    synchronized void await(Object me) {
        while (holder != me) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for its turn", e);
            }
        }
    }
}
