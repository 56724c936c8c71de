package io.github.tapbitrix24.portal.methods;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-method operating-time budget of one webhook (D:limits.md, D:settings/performance/limits.md):
 * time is summed in ten one-minute baskets; a basket opens at the first call of its minute and
 * leaves the sum ten minutes later ({@code operating_reset_at}). The check happens before a call:
 * the call that pushes the sum over the budget still runs, the next one is refused with HTTP 429
 * OPERATION_TIME_LIMIT until enough baskets have expired.
 */
public final class OperatingBudget {
    static final int BASKET = 60;
    public static final int WINDOW = 600;

    private record Basket(double start, double[] sum) {
    }

    private final double budget;
    private final Map<String, Deque<Basket>> perMethod = new HashMap<>();

    public OperatingBudget(double budgetSeconds) {
        this.budget = budgetSeconds;
    }

    private Deque<Basket> expire(String method, double now) {
        Deque<Basket> q = perMethod.computeIfAbsent(method, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst().start() + WINDOW <= now) {
            q.pollFirst();
        }
        return q;
    }

    public synchronized double operating(String method, double now) {
        double s = 0;
        for (Basket b : expire(method, now)) {
            s += b.sum()[0];
        }
        return s;
    }

    synchronized boolean blocked(String method, double now) {
        return operating(method, now) >= budget;
    }

    synchronized void add(String method, double now, double seconds) {
        Deque<Basket> q = expire(method, now);
        Basket last = q.peekLast();
        if (last == null || now - last.start() >= BASKET) {
            last = new Basket(now, new double[1]);
            q.addLast(last);
        }
        last.sum()[0] += seconds;
    }

    /** When the oldest basket leaves the sum (unix seconds); now + 10 min when nothing is counted. */
    synchronized long resetAt(String method, double now) {
        Basket first = expire(method, now).peekFirst();
        return (long) Math.ceil(first == null ? now + WINDOW : first.start() + WINDOW);
    }

    public synchronized void reset() {
        perMethod.clear();
    }
}
