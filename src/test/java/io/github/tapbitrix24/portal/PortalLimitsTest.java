package io.github.tapbitrix24.portal;

import static org.junit.jupiter.api.Assertions.*;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.portal.methods.CostModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Leaky bucket and operating-time budget on the manual clock (D:limits.md, bitrix24-api.md §4). */
class PortalLimitsTest {

    @Test
    void burstOfFiftyThenQueryLimitExceeded503UntilTheBucketDrains() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(5).withOperatingLimit(false)
                .withAdvanceClockOnRequest(false))) {
            PortalClient c = new PortalClient(sim);
            for (int i = 0; i < 50; i++) {
                assertEquals(200, c.post("scope", "{}").status(), "request " + i);
            }
            PortalClient.Response refused = c.post("scope", "{}");
            assertEquals(503, refused.status());
            assertEquals("QUERY_LIMIT_EXCEEDED", refused.json().get("error").stringValue());
            sim.clock().advance(Duration.ofMillis(500)); // drains one request at 2/s
            assertEquals(200, c.post("scope", "{}").status());
            assertEquals(503, c.post("scope", "{}").status());
            sim.clock().advance(Duration.ofSeconds(25));
            for (int i = 0; i < 50; i++) {
                assertEquals(200, c.post("scope", "{}").status());
            }
        }
    }

    @Test
    void aBatchIsOneRequestForTheRateLimit() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(5).withRate(2, 2)
                .withAdvanceClockOnRequest(false))) {
            PortalClient c = new PortalClient(sim);
            StringBuilder cmd = new StringBuilder("{\"cmd\":{");
            for (int i = 0; i < 50; i++) {
                cmd.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":\"scope\"");
            }
            assertEquals(200, c.post("batch", cmd.append("}}").toString()).status());
            assertEquals(200, c.post("scope", "{}").status());
            assertEquals(503, c.post("scope", "{}").status());
        }
    }

    @Test
    void operatingBudgetBlocksTheMethodAfterTheCrossingCallUntilTheBasketResets() {
        // a counted page over 300 deals costs ~0.1 s; scale 100 makes it ~10 s, so ~50 calls cross 480 s
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false).withCostScale(100))) {
            PortalClient c = new PortalClient(sim);
            double operating = 0;
            int calls = 0;
            long resetAt = 0;
            while (operating < 480) {
                JsonNode r = c.ok("crm.deal.list", "{\"select\":[\"ID\"]}");
                operating = r.get("time").get("operating").asDouble();
                resetAt = r.get("time").get("operating_reset_at").asLong();
                calls++;
                assertTrue(calls < 200);
            }
            PortalClient.Response blocked = c.post("crm.deal.list", "{\"select\":[\"ID\"]}");
            assertEquals(429, blocked.status());
            assertEquals("OPERATION_TIME_LIMIT", blocked.json().get("error").stringValue());
            assertEquals(200, c.post("crm.contact.list", "{\"select\":[\"ID\"]}").status(), "other methods keep working");
            assertEquals(200, c.post("batch", "{\"cmd\":{\"a\":\"scope\"}}").status());
            JsonNode inBatch = c.ok("batch", "{\"cmd\":{\"a\":\"crm.deal.list?select[]=ID\"}}").get("result");
            assertEquals("OPERATION_TIME_LIMIT", inBatch.get("result_error").get("a").get("error").stringValue());
            sim.clock().advanceTo(java.time.Instant.ofEpochSecond(resetAt + 1));
            assertEquals(200, c.post("crm.deal.list", "{\"select\":[\"ID\"]}").status());
        }
    }

    @Test
    void keysetPagesCostAFractionOfCountedPages() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(20_000).withRateLimit(false))) {
            PortalClient c = new PortalClient(sim);
            double counted = c.ok("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"},\"select\":[\"ID\"]}").get("time").get("processing").asDouble();
            double keyset = c.ok("crm.deal.list", "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\">ID\":0},\"select\":[\"ID\"],\"start\":-1}")
                    .get("time").get("processing").asDouble();
            // settings/performance/huge-data.md: processing 0.0685 s without the count
            assertEquals(0.0685, keyset, 0.001);
            assertEquals(0.0685 + 20_000 * CostModel.PER_MATCHING_ROW, counted, 0.001);
        }
    }
}
