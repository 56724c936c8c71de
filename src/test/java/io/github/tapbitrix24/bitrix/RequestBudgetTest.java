package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    @Test
    void burstPassesAtOnceThenRequestsAreSpacedByTheDrainRate() throws Exception {
        FakeTime t = new FakeTime();
        RequestBudget budget = new RequestBudget(2, 3, t, t);
        for (int i = 0; i < 6; i++) {
            budget.acquire();
        }
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500)), t.sleeps);
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
        assertEquals(List.of(), t.sleeps);
        assertEquals(Duration.ofMillis(500), budget.acquire());
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
            assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), f.time.sleeps);
            assertEquals(4, f.server.getRequestCount());
        }
    }

    @Test
    void aFullBucketReportedByTheServerPacesTheFollowingRequests() throws Exception {
        FakeTime t = new FakeTime();
        RequestBudget budget = new RequestBudget(2, 50, t, t);
        budget.acquire(); // our copy: nearly empty
        budget.serverFull(); // another process filled the portal's bucket
        assertEquals(Duration.ofMillis(500), budget.acquire());
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
