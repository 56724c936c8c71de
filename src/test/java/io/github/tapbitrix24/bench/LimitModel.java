package io.github.tapbitrix24.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a request trace under Bitrix24's limits (bitrix24-api.md §4.1–4.2, D:limits.md) and
 * returns the wall time it would take:
 * <ul>
 *   <li>leaky bucket: every request adds one to a level that drains at {@code perSecond}; a request
 *       that would push it past {@code burst} waits until enough has drained (the tap's client-side
 *       bucket does exactly this, so it never sees QUERY_LIMIT_EXCEEDED);</li>
 *   <li>operating time: each sub-call's simulated processing is summed per method in one-minute
 *       baskets that leave the sum ten minutes after they open (as the simulator and the real service
 *       count it); when a method's sum passes {@code pauseAbove}, its next call waits until the
 *       oldest basket leaves (the tap's {@code operating_time_threshold}; a client that only reacts to
 *       HTTP 429 pauses at the server's 480 s);</li>
 *   <li>between two requests the client spends its own measured time ({@code gap}: parsing, coercing,
 *       writing records) before it asks the bucket; each request then takes {@code server} seconds.</li>
 * </ul>
 * Network round trips are not added (the trace was taken over loopback).
 */
final class LimitModel {
    static final int BASKET = 60;
    static final int WINDOW = 600;

    /** One request to replay: client time before it, server time of it, and its sub-calls' methods and costs. */
    record Step(double gap, double server, List<TraceProxy.Call> calls) {
    }

    private final double perSecond;
    private final int burst;
    private final double pauseAbove;

    LimitModel(double perSecond, int burst, double pauseAbove) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.pauseAbove = pauseAbove;
    }

    /** The standard plans: 2 requests/s, burst 50, pausing a method above {@code pauseAbove} s of operating time. */
    static LimitModel standard(double pauseAbove) {
        return new LimitModel(2, 50, pauseAbove);
    }

    /** Finish time (seconds from the first request) of each step. */
    double[] replay(List<Step> steps) {
        double[] end = new double[steps.size()];
        double level = 0;
        double drainedAt = 0;
        double prevEnd = 0;
        Map<String, Deque<double[]>> baskets = new HashMap<>();
        Map<String, Double> pausedUntil = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            double t = i == 0 ? 0 : prevEnd + s.gap();
            for (TraceProxy.Call c : s.calls()) {
                t = Math.max(t, pausedUntil.getOrDefault(c.method(), 0.0));
            }
            level = Math.max(0, level - (t - drainedAt) * perSecond);
            if (level + 1 > burst) {
                double wait = (level + 1 - burst) / perSecond;
                t += wait;
                level = burst - 1;
            }
            level += 1;
            drainedAt = t;
            double now = t;
            for (TraceProxy.Call c : s.calls()) {
                add(baskets, c.method(), now, c.processing());
                now += c.processing();
            }
            double finish = t + s.server();
            for (TraceProxy.Call c : s.calls()) {
                Deque<double[]> q = expire(baskets, c.method(), finish);
                double operating = q.stream().mapToDouble(b -> b[1]).sum();
                if (operating > pauseAbove && !q.isEmpty()) {
                    pausedUntil.merge(c.method(), q.peekFirst()[0] + WINDOW, Math::max);
                }
            }
            end[i] = finish;
            prevEnd = finish;
        }
        return end;
    }

    private static void add(Map<String, Deque<double[]>> baskets, String method, double now, double seconds) {
        Deque<double[]> q = expire(baskets, method, now);
        double[] last = q.peekLast();
        if (last == null || now - last[0] >= BASKET) {
            last = new double[] {now, 0};
            q.addLast(last);
        }
        last[1] += seconds;
    }

    private static Deque<double[]> expire(Map<String, Deque<double[]>> baskets, String method, double now) {
        Deque<double[]> q = baskets.computeIfAbsent(method, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst()[0] + WINDOW <= now) {
            q.pollFirst();
        }
        return q;
    }
}
