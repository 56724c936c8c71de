package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * OPERATION_TIME_LIMIT on a single call (not inside batch), over HTTP from the simulator: the call
 * waits for the reset the portal announced and then succeeds, and the client never sends the
 * blocked method again before that reset (it would be refused again). The budget is far below the
 * client's threshold, so only the portal's refusal can reveal it. Sleeping moves the portal's clock.
 */
class SingleCallOperatingLimitTest {
    @Test
    void aRefusedCallWaitsForTheResetAndTheMethodIsNotAskedAgainBeforeIt() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(2_000)
                .withRateLimit(false).withOperatingBudget(Duration.ofSeconds(20)).withCostScale(20))) {
            TapConfig config = TapConfig.defaults(WebhookUrl.parse(sim.webhookUrl()));
            List<Instant> wakes = new ArrayList<>();
            BitrixClient client = new BitrixClient(config.webhookUrl(),
                    config.clientSettings().withThrottle(100_000, 100_000).withOperatingTimeThreshold(1_000),
                    sim.clock(), d -> {
                        sim.clock().advance(d);
                        wakes.add(sim.clock().instant());
                    });
            Instant start = sim.clock().instant();
            Long announcedReset = null;
            int calls = 0;
            while (sim.counters().errors("crm.deal.list") == 0) {
                Envelope page = client.call("crm.deal.list", JsonNodeFactory.instance.objectNode().put("start", 0));
                assertTrue(page.result().size() > 0);
                if (sim.counters().errors("crm.deal.list") == 0) {
                    announcedReset = page.time().operatingResetAt();
                }
                calls++;
                assertTrue(calls < 1_000, "the portal never refused: the budget is not low enough for this test");
            }
            // the refused call was sent again only after a wait up to the reset the last good answer
            // announced (not a hair before it: that is refused again), and then it succeeded
            assertTrue(announcedReset != null);
            assertTrue(!wakes.isEmpty() && !wakes.get(0).isBefore(Instant.ofEpochSecond(announcedReset)),
                    "first wait until " + wakes + ", reset at " + Instant.ofEpochSecond(announcedReset));
            long refused = sim.counters().errors("crm.deal.list");
            assertEquals(1, refused, "refused once, then waited: " + wakes);
            assertEquals(1, wakes.size(), "one wait, for the reset: " + wakes);

            // the refusal revealed the portal's limit: many more calls, over several windows, none refused
            for (int i = 0; i < 3 * calls; i++) {
                client.call("crm.deal.list", JsonNodeFactory.instance.objectNode().put("start", 0));
            }
            assertEquals(refused, sim.counters().errors("crm.deal.list"), "no further refusal once the limit was known");
            assertTrue(Duration.between(start, sim.clock().instant()).compareTo(Duration.ofMinutes(10)) > 0,
                    "the calls spanned more than one 10-minute window");
        }
    }
}
