package io.github.tapbitrix24.extract.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.portal.Fault;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.streams.ListApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Keyset pages written one by one as the batch answer is parsed, over HTTP from the simulator: an
 * answer cut off in the middle (a page half sent) has written its whole pages before the cut, none of
 * the cut page, and the next request starts after the last ID written, so every deal arrives once, in
 * order, and no page arrives in parts.
 */
class StreamedKeysetPagingTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void anAnswerCutMidPageWritesItsWholePagesOnceAndTheScanGoesOnAfterTheLastIdWritten() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(3_000)
                .withRateLimit(false).withOperatingLimit(false))) {
            TapConfig config = TapConfig.defaults(WebhookUrl.parse(sim.webhookUrl()));
            BitrixClient client = BitrixClient.create(config.webhookUrl(),
                    config.clientSettings().withThrottle(100_000, 100_000));
            List<String> events = new ArrayList<>();
            client.onExchange(e -> events.add("request"));
            List<Long> ids = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            KeysetPager.Sink sink = new KeysetPager.Sink() {
                @Override
                public void started(io.github.tapbitrix24.bitrix.BatchResult first) {
                    sim.faults().failNext(1, Fault.TRUNCATED); // the first 50-page answer is cut in half
                }

                @Override
                public void rows(JsonNode rows) {
                    events.add("page");
                    pageSizes.add(rows.size());
                    rows.forEach(r -> ids.add(RowIds.of(r, "ID")));
                }

                @Override
                public void checkpoint(long lastId) {
                }
            };
            ListDialect crm = ListDialect.forApi(ListApi.CRM_LIST, "ID").orElseThrow();
            KeysetPager.Scan scan = new KeysetPager.Scan("deals", "crm.deal.list", crm, F.objectNode(),
                    List.of("ID", "TITLE"), F.objectNode());

            new KeysetPager(client, d -> { }).scan(scan, 0, null, sink);

            // request 1: one page; request 2 (cut): its whole pages (each written once its exchange is over,
            // so between the second and the third request); then the rest from after the last ID written
            List<Integer> requests = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).equals("request")) {
                    requests.add(i);
                }
            }
            int pagesOfTheCutAnswer = requests.get(2) - requests.get(1) - 1;
            assertTrue(pagesOfTheCutAnswer > 5 && pagesOfTheCutAnswer < 45,
                    "pages written from the cut answer: " + pagesOfTheCutAnswer + " " + events);
            assertEquals(3_000, ids.size(), "every deal once");
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) > ids.get(i - 1), "in ID order, none twice: " + ids.get(i - 1) + ", " + ids.get(i));
            }
            assertTrue(pageSizes.stream().allMatch(n -> n == ListDialect.PAGE_SIZE), "whole pages only: " + pageSizes);
        }
    }
}
