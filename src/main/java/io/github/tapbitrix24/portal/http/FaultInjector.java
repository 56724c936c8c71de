package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic fault injection. {@link #failNext} queues faults for the next HTTP requests
 * (optionally only those of one method; {@code batch} for batches); {@link #random} makes every
 * request fail with probability {@code p}, drawn from a seeded generator so a run is repeatable.
 */
public final class FaultInjector {
    private record Planned(Fault fault, String method) {
    }

    private final Deque<Planned> queue = new ArrayDeque<>();
    private SplittableRandom random;
    private double probability;
    private List<Fault> randomKinds = List.of();
    private long revokeAfter = -1;
    private volatile boolean plantSecret;
    private long authorised;

    /** The next {@code n} requests fail with {@code fault}. */
    public synchronized FaultInjector failNext(int n, Fault fault) {
        return failNext(n, fault, null);
    }

    /** The next {@code n} requests to {@code method} fail with {@code fault}. */
    public synchronized FaultInjector failNext(int n, Fault fault, String method) {
        for (int i = 0; i < n; i++) {
            queue.add(new Planned(fault, method == null ? null : method.toLowerCase(java.util.Locale.ROOT)));
        }
        return this;
    }

    /** The next {@code n} requests are answered normally, before the faults planned after them. */
    public synchronized FaultInjector passNext(int n) {
        return failNext(n, null, null);
    }

    /** Each request fails with probability {@code p} with one of {@code kinds} (all but SLOW when empty). */
    public synchronized FaultInjector random(long seed, double p, Fault... kinds) {
        this.random = new SplittableRandom(seed);
        this.probability = p;
        this.randomKinds = kinds.length == 0
                ? List.of(Fault.HTTP_500, Fault.HTTP_503_RATE, Fault.HTML_502, Fault.TRUNCATED, Fault.RESET)
                : List.of(kinds);
        return this;
    }

    public synchronized void clear() {
        queue.clear();
        random = null;
        revokeAfter = -1;
    }

    /**
     * The webhook is deleted (or its secret regenerated) after {@code n} more requests: from then on
     * every request is answered as a wrong secret is (HTTP 401 INVALID_CREDENTIALS).
     */
    public synchronized FaultInjector revokeAfter(int n) {
        revokeAfter = n;
        authorised = 0;
        return this;
    }

    /**
     * A hostile or careless portal: the webhook secret is planted in every text the portal serves
     * that a client might pass on (field labels and titles, dictionary names, error descriptions,
     * HTML error pages); Location headers carry it anyway.
     */
    public FaultInjector plantSecret(boolean on) {
        plantSecret = on;
        return this;
    }

    boolean plantsSecret() {
        return plantSecret;
    }

    /** Counts a request that presented the right secret; true when the webhook is revoked by now. */
    synchronized boolean revoked() {
        if (revokeAfter < 0) {
            return false;
        }
        return ++authorised > revokeAfter;
    }

    /** The fault for a request to {@code method}, or null. */
    synchronized Fault next(String method) {
        for (Planned p : queue) {
            if (p.method() == null || p.method().equals(method)) {
                queue.remove(p);
                return p.fault();
            }
        }
        if (random != null && random.nextDouble() < probability) {
            return randomKinds.get(random.nextInt(randomKinds.size()));
        }
        return null;
    }
}
