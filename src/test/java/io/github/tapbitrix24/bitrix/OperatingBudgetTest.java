package io.github.tapbitrix24.bitrix;

import static io.github.tapbitrix24.bitrix.ClientFixture.noParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatingBudgetTest {
    private static final String BLOCKED =
            "{\"error\":\"OPERATION_TIME_LIMIT\",\"error_description\":\"Method is blocked due to operation time limit.\"}";
    private final ClientFixture f;

    OperatingBudgetTest() throws Exception {
        f = new ClientFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** A response whose server time is "now" on the fake clock, reset 90 s later. */
    private void heavy(double operating) {
        long now = FakeTime.START.getEpochSecond();
        f.enqueue(200, "{\"result\":[],\"time\":{\"start\":" + now + ",\"finish\":" + now + ",\"operating\":"
                + operating + ",\"operating_reset_at\":" + (now + 90) + "}}");
    }

    @Test
    void pausesTheNextCallToAMethodOverTheThresholdUntilTheReset() {
        heavy(250);
        f.ok("[]");
        BitrixClient client = f.client(); // threshold 200
        client.call("crm.deal.list", noParams());
        assertTrue(f.time.sleeps.isEmpty());
        client.call("crm.deal.list", noParams());
        assertEquals(List.of(Duration.ofSeconds(90)), f.time.sleeps);
        assertTrue(f.logs.any("pausing 90.0 s before calling crm.deal.list"), f.logs.lines.toString());
    }

    @Test
    void doesNotPauseOtherMethods() {
        heavy(250);
        f.ok("[]");
        BitrixClient client = f.client();
        client.call("crm.deal.list", noParams());
        client.call("crm.contact.list", noParams());
        assertTrue(f.time.sleeps.isEmpty());
    }

    @Test
    void doesNotPauseBelowTheThreshold() {
        heavy(150);
        f.ok("[]");
        BitrixClient client = f.client();
        client.call("crm.deal.list", noParams());
        client.call("crm.deal.list", noParams());
        assertTrue(f.time.sleeps.isEmpty());
    }

    @Test
    void withoutAResetTimePausesForOneBasket() {
        f.enqueue(200, "{\"result\":[],\"time\":{\"operating\":300}}");
        f.ok("[]");
        BitrixClient client = f.client();
        client.call("crm.deal.list", noParams());
        client.call("crm.deal.list", noParams());
        assertEquals(List.of(Duration.ofSeconds(60)), f.time.sleeps);
    }

    @Test
    void batchSubCallTimesFeedTheirOwnMethodsBudget() {
        long now = FakeTime.START.getEpochSecond();
        f.enqueue(200, "{\"result\":{\"result\":{\"d\":[]},\"result_error\":[],\"result_total\":[],\"result_next\":[],"
                + "\"result_time\":{\"d\":{\"finish\":" + now + ",\"operating\":450,\"operating_reset_at\":" + (now + 30)
                + "}}},\"time\":{\"operating\":0}}");
        f.ok("[]");
        f.ok("[]");
        BitrixClient client = f.client();
        client.batch(List.of(new BatchCommand("d", "crm.deal.list", noParams())));
        client.call("crm.contact.list", noParams());
        assertTrue(f.time.sleeps.isEmpty());
        client.call("crm.deal.list", noParams());
        assertEquals(List.of(Duration.ofSeconds(30)), f.time.sleeps);
    }

    @Test
    void operationTimeLimitWaitsForTheResetAndRetries() {
        heavy(100); // below threshold, but tells us when the oldest basket resets
        f.enqueue(429, BLOCKED);
        f.ok("\"done\"");
        BitrixClient client = f.client();
        client.call("crm.deal.list", noParams());
        Envelope e = client.call("crm.deal.list", noParams());
        assertEquals("done", e.result().stringValue());
        assertEquals(List.of(Duration.ofSeconds(90)), f.time.sleeps);
        assertEquals(3, f.server.getRequestCount());
        assertTrue(f.logs.any("OPERATION_TIME_LIMIT"), f.logs.lines.toString());
    }

    @Test
    void operationTimeLimitDoesNotHoldBackOtherMethods() {
        f.enqueue(429, BLOCKED);
        f.ok("\"contacts\"");
        f.ok("\"deals\"");
        // A one-wait budget, then the client gives the OPERATION_TIME_LIMIT back for the caller.
        ClientSettings settings = new ClientSettings(1000, 1000, Duration.ofMillis(400), 200, 4,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15), 0, Duration.ofSeconds(60), "t");
        BitrixClient client = f.client(settings);
        assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertEquals("contacts", client.call("crm.contact.list", noParams()).result().stringValue());
        assertTrue(f.time.sleeps.isEmpty());
        assertEquals("deals", client.call("crm.deal.list", noParams()).result().stringValue());
        assertEquals(List.of(Duration.ofSeconds(60)), f.time.sleeps);
    }

    @Test
    void operationTimeLimitFailsAfterTheAllowedWaits() {
        for (int i = 0; i < 4; i++) {
            f.enqueue(429, BLOCKED);
        }
        BitrixClient client = f.client(); // 3 waits by default
        BitrixException e = assertThrows(BitrixException.class, () -> client.call("crm.deal.list", noParams()));
        assertEquals(BitrixErrorKind.OPERATING_TIME_LIMIT, e.kind());
        assertEquals(4, f.server.getRequestCount());
        assertEquals(3, f.time.sleeps.size());
    }
}
