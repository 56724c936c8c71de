package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bucket's waits, to the nanosecond. The level stays {@link RequestBudget#EDGE_MARGIN} of drain
 * (50 ms, a tenth of a request at 2/s) below the server's edge: the last request of a burst waits
 * that margin, and from then on requests are spaced by the drain rate exactly.
 */
class RequestBudgetTest {
    private static final Duration MARGIN = RequestBudget.EDGE_MARGIN;

    @Test
    void burstPassesUpToAMarginBelowTheEdgeThenRequestsAreSpacedByTheDrainRate() throws Exception {
        FakeTime t = new FakeTime();
        RequestBudget budget = new RequestBudget(2, 3, t, t);
        for (int i = 0; i < 6; i++) {
            budget.acquire();
        }
        // the third request would fill the bucket to its edge: it waits the margin; the rest the drain of one request
        assertEquals(List.of(MARGIN, Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500)), t.sleeps);
    }

    @Test
    void idleTimeDrainsTheBucket() throws Exception {
        FakeTime t = new FakeTime();
        RequestBudget budget = new RequestBudget(2, 2, t, t);
        budget.acquire();
        budget.acquire();
        t.advance(Duration.ofSeconds(1)); // drains both
        budget.acquire();
        budget.acquire();
        assertEquals(List.of(MARGIN, MARGIN), t.sleeps, "only the margin at each burst's last request");
        assertEquals(Duration.ofMillis(500), budget.acquire());
    }

    /**
     * The server counts a request when it arrives, the tap when it leaves: requests sent one after another (one
     * connection, each after the previous answer) arriving 0–40 ms after they left, at random, must never find the
     * server's bucket (the simulator's arithmetic: seconds since the epoch as doubles, refused above {@code burst})
     * full. Without the margin the first request to arrive sooner after leaving than the one before it is refused
     * (as in every paced benchmark run before it: one 503 each; the refused request, not counted, leaves room after it).
     */
    @Test
    void theServerNeverSeesARequestEarlyWhateverTheJitterOnTheWay() throws Exception {
        FakeTime t = new FakeTime();
        RequestBudget budget = new RequestBudget(2, 50, t, t);
        java.util.Random jitter = new java.util.Random(42);
        double serverLevel = 0;
        double serverLast = Double.NaN;
        int refused = 0;
        java.time.Instant first = t.instant();
        for (int i = 0; i < 400; i++) {
            budget.acquire();
            t.advance(Duration.ofNanos((long) (jitter.nextDouble() * 40_000_000L))); // on the way; answered at once
            java.time.Instant arrived = t.instant();
            double now = arrived.getEpochSecond() + arrived.getNano() / 1e9;
            if (!Double.isNaN(serverLast)) {
                serverLevel = Math.max(0, serverLevel - (now - serverLast) * 2);
            }
            serverLast = now;
            if (serverLevel + 1 > 50 + 1e-9) {
                refused++;
            } else {
                serverLevel += 1;
            }
        }
        assertEquals(0, refused, "requests refused by the server's bucket");
        Duration elapsed = Duration.between(first, t.instant());
        assertTrue(elapsed.compareTo(Duration.ofMillis(500).multipliedBy(400 - 50).plus(MARGIN).plus(Duration.ofMillis(40))) <= 0,
                "paced at the drain rate, the margin paid once: " + elapsed);
    }

    @Test
    void spacingIsExactEvenWhenTheClockDoesNotMoveDuringSleep() throws Exception {
        FakeTime t = new FakeTime();
        Sleeper frozen = d -> t.sleeps.add(d);
        RequestBudget budget = new RequestBudget(5, 1, t, frozen);
        budget.acquire();
        budget.acquire();
        budget.acquire();
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(200)), t.sleeps);
    }

    @Test
    void clientPacesHttpRequestsThroughTheBucket() throws Exception {
        try (ClientFixture f = new ClientFixture()) {
            for (int i = 0; i < 4; i++) {
                f.ok("[]");
            }
            BitrixClient client = f.client(ClientFixture.settings().withThrottle(2, 2));
            for (int i = 0; i < 4; i++) {
                client.call("crm.deal.list", noParams());
            }
            assertEquals(List.of(MARGIN, Duration.ofMillis(500), Duration.ofMillis(500)), f.time.sleeps);
            assertEquals(4, f.server.getRequestCount());
        }
    }

    @Test
    void aFullBucketReportedByTheServerPacesTheFollowingRequests() throws Exception {
        FakeTime t = new FakeTime();
        RequestBudget budget = new RequestBudget(2, 50, t, t);
        budget.acquire(); // our copy: nearly empty
        budget.serverFull(); // another process filled the portal's bucket
        assertEquals(Duration.ofMillis(500).plus(MARGIN), budget.acquire(), "one request's drain, and the margin below the edge");
        t.advance(Duration.ofSeconds(10)); // drained: the burst is available again
        assertEquals(Duration.ZERO, budget.acquire());
    }

    @Test
    void clientTreatsItsBucketAsFullAfterQueryLimitExceeded() throws Exception {
        try (ClientFixture f = new ClientFixture()) {
            f.enqueue(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
            for (int i = 0; i < 4; i++) {
                f.ok("[]");
            }
            BitrixClient client = f.client(ClientFixture.settings().withThrottle(2, 50)
                    .withRetries(4, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMinutes(1)));
            client.call("crm.deal.list", noParams()); // 503, back-off, retried
            for (int i = 0; i < 3; i++) {
                client.call("crm.deal.list", noParams());
            }
            // one request of our own, yet after the 503 every request waits for the drain (2/s)
            List<Duration> last3 = f.time.sleeps.subList(f.time.sleeps.size() - 3, f.time.sleeps.size());
            assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500)), last3);
            assertEquals(5, f.server.getRequestCount());
        }
    }
}
