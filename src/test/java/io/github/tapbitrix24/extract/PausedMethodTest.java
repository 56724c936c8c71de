package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.RequestStats;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.discover.Discovery;
import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.singer.SingerWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One method's operating-time budget is used up (crm.deal.list, on a portal whose every call costs
 * twenty times the calibrated time; D:limits.md, bitrix24-api.md §4.2) when the run starts: while
 * it is paused, the other streams' requests go out and those streams finish; the deals start at
 * the reset, pause again on their own reads, and the run completes with every record exactly once.
 * The tap's sleeping moves the portal's clock, so nothing really waits.
 */
class PausedMethodTest {
    private static final String DEALS = "crm.deal.list";
    private static final Map<String, Dataset> STREAMS = Map.of("deals", Dataset.DEALS, "contacts", Dataset.CONTACTS,
            "companies", Dataset.COMPANIES, "leads", Dataset.LEADS);

    /** One HTTP request as the scheduler sent it: the portal's time, its methods, whether deals were paused. */
    private record Sent(Instant at, Set<String> methods, Optional<Instant> dealsPausedUntil) {
    }

    @Test
    void whileOneMethodIsPausedTheOtherStreamsGoOnAndFinishBeforeItResumes() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(5_000).withContacts(400)
                .withCompanies(200).withLeads(300).withRateLimit(false).withOperatingBudget(Duration.ofSeconds(20))
                .withCostScale(20))) {
            TapConfig config = TapConfig.defaults(WebhookUrl.parse(sim.webhookUrl()));
            BitrixClient client = new BitrixClient(config.webhookUrl(),
                    config.clientSettings().withThrottle(100_000, 100_000).withOperatingTimeThreshold(15),
                    sim.clock(), d -> sim.clock().advance(d));
            Catalog catalog = select(new Discovery(client, config).discover(), STREAMS.keySet());
            // Another program on the same webhook has used up the deals' budget: the tap sees the
            // method over its threshold, paused until the oldest basket leaves the sum.
            for (int i = 0; i < 30 && client.pausedUntil(DEALS).isEmpty(); i++) {
                client.call(DEALS, SyncHarness.JSON.createObjectNode());
            }
            Instant until = client.pausedUntil(DEALS).orElseThrow(() -> new AssertionError("the budget is used up"));
            List<Sent> log = new ArrayList<>();
            BitrixApi recording = recording(client, sim.clock(), log);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SyncRunner.Result result;
            try (SingerWriter writer = new SingerWriter(out)) {
                result = SyncRunner.create(recording, config, writer, sim.clock(), d -> sim.clock().advance(d))
                        .run(catalog, null);
            }

            int resumed = indexOf(log, s -> s.methods().contains(DEALS));
            assertTrue(resumed > 0, "the other streams' requests went first: " + log);
            for (Sent s : log.subList(0, resumed)) {
                assertTrue(s.at().isBefore(until), "sent during the deals' pause, before " + until + ": " + s);
            }
            assertFalse(log.get(resumed).at().isBefore(until), "the deals resume at their reset: " + log.get(resumed));
            for (Sent s : log.subList(resumed, log.size())) {
                assertEquals(Set.of(DEALS), s.methods(), "the other streams were done before the deals resumed");
            }
            assertTrue(log.stream().filter(s -> s.dealsPausedUntil().isPresent()).count() >= 2,
                    "the deals paused again on their own reads, and the run went on");

            for (StreamSummary s : result.streams()) {
                assertTrue(s.completed(), s.line());
            }
            Map<String, List<String>> ids = recordIds(out);
            for (Map.Entry<String, Dataset> stream : STREAMS.entrySet()) {
                List<String> written = ids.getOrDefault(stream.getKey(), List.of());
                assertEquals(sim.data().count(stream.getValue()), written.size(), stream.getKey() + ": every record");
                assertEquals(written.size(), new HashSet<>(written).size(), stream.getKey() + ": each once");
            }
        }
    }

    private static int indexOf(List<Sent> log, java.util.function.Predicate<Sent> p) {
        for (int i = 0; i < log.size(); i++) {
            if (p.test(log.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static Catalog select(Catalog discovered, Set<String> streams) {
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry e : discovered.streams()) {
            e.streamMetadata().put("selected", streams.contains(e.tapStreamId()));
            out.add(e);
        }
        return new Catalog(out);
    }

    /** The IDs of every RECORD written, per stream, in order. */
    static Map<String, List<String>> recordIds(ByteArrayOutputStream out) {
        Map<String, List<String>> ids = new java.util.HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode m = SyncHarness.JSON.readTree(line);
            if (m.path("type").asString("").equals("RECORD")) {
                ids.computeIfAbsent(m.get("stream").asString(), k -> new ArrayList<>())
                        .add(m.get("record").get("ID").asString());
            }
        }
        return ids;
    }

    /** The client, logging every request it is given with the portal's time and the deals' pause after it. */
    private static BitrixApi recording(BitrixClient client, Clock clock, List<Sent> log) {
        return new BitrixApi() {
            @Override
            public Envelope call(String method, ObjectNode params) {
                Instant at = clock.instant();
                try {
                    return client.call(method, params);
                } finally {
                    log.add(new Sent(at, Set.of(method), client.pausedUntil(DEALS)));
                }
            }

            @Override
            public BatchResult batch(List<BatchCommand> commands) {
                Instant at = clock.instant();
                try {
                    return client.batch(commands);
                } finally {
                    Set<String> methods = new TreeSet<>();
                    commands.forEach(c -> methods.add(c.method()));
                    log.add(new Sent(at, methods, client.pausedUntil(DEALS)));
                }
            }

            @Override
            public Optional<Instant> pausedUntil(String method) {
                return client.pausedUntil(method);
            }

            @Override
            public int affordableCalls(String method, int wanted) {
                return client.affordableCalls(method, wanted);
            }

            @Override
            public RequestStats stats() {
                return client.stats();
            }
        };
    }
}
