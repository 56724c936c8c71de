package io.github.tapbitrix24.portal.http;

/**
 * The leaky bucket of D:limits.md: every request adds one to a counter that drains by
 * {@code perSecond}; a request that finds the counter at {@code burst} is refused
 * (HTTP 503 QUERY_LIMIT_EXCEEDED) and does not count. A batch is one request.
 */
final class RateLimiter {
    private final double perSecond;
    private final int burst;
    private double level;
    private double last = Double.NaN;

    RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    synchronized boolean tryAcquire(double nowSeconds) {
        if (!Double.isNaN(last)) {
            level = Math.max(0, level - (nowSeconds - last) * perSecond);
        }
        last = Double.isNaN(last) ? nowSeconds : Math.max(last, nowSeconds);
        if (level + 1 > burst + 1e-9) {
            return false;
        }
        level += 1;
        return true;
    }

    synchronized void reset() {
        level = 0;
        last = Double.NaN;
    }
}
