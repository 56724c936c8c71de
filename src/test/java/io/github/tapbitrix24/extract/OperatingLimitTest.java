package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.discover.Discovery;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.singer.SingerWriter;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On a portal with a low operating-time budget, OPERATION_TIME_LIMIT (on a call or on batch
 * sub-calls) is honoured: the method waits for its reset instead of being asked again and again,
 * and the sync completes. The tap's sleeping moves the portal's clock, so nothing really waits.
 */
class OperatingLimitTest {
    @Test
    void aBlockedMethodWaitsForItsResetInsteadOfBeingAskedAgainAndAgain() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(20_000)
                .withRateLimit(false).withOperatingBudget(Duration.ofSeconds(20)).withCostScale(20))) {
            TapConfig config = TapConfig.defaults(WebhookUrl.parse(sim.webhookUrl()));
            BitrixClient client = new BitrixClient(config.webhookUrl(),
                    config.clientSettings().withThrottle(100_000, 100_000).withOperatingTimeThreshold(1_000),
                    sim.clock(), d -> sim.clock().advance(d));
            Catalog discovered = new Discovery(client, config).discover();
            List<CatalogEntry> only = new ArrayList<>();
            for (CatalogEntry e : discovered.streams()) {
                e.streamMetadata().put("selected", e.tapStreamId().equals("deals"));
                only.add(e);
            }
            long refusedBefore = sim.counters().errors("crm.deal.list");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SyncRunner.Result result;
            try (SingerWriter writer = new SingerWriter(out)) {
                result = SyncRunner.create(client, config, writer, sim.clock(), d -> sim.clock().advance(d))
                        .run(new Catalog(only), null);
            }
            assertEquals(20_000, result.stream("deals").orElseThrow().records());
            long refused = sim.counters().errors("crm.deal.list") - refusedBefore;
            long requests = result.stream("deals").orElseThrow().httpRequests();
            assertTrue(refused > 0, "the budget was hit");
            assertTrue(refused <= 2 * requests / 3, refused + " refused sub-calls in " + requests + " requests");
        }
    }
}
