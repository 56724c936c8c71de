package io.github.tapbitrix24.bench;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.DeletionSettings;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.discover.Discovery;
import io.github.tapbitrix24.extract.SyncRunner;
import io.github.tapbitrix24.extract.deletions.SweepSummary;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.singer.SingerWriter;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the deletion sweep costs (BENCHMARKS.md, "Deletion detection"): the incremental entity streams
 * of a portal of S (10,000 deals) or M (100,000 deals) with the simulator's default ratios, their
 * bookmarks at the portal's "now" (so each stream's own read is one short request and the run is the
 * sweep), swept once for the baseline, then 1 % of each deleted and swept again. Prints per stream
 * the IDs, requests, sub-calls, seconds in process (limits off) and the time computed under the
 * standard limit ({@link LimitModel}: 2 requests/s, burst 50, operating-time pause at 200 s, the cost
 * model's 0.0685 s per 50-ID page, the tap's measured time between requests).
 *
 * <p>{@code java -cp target/classes:target/test-classes:<deps> io.github.tapbitrix24.bench.DeletionSweepBench S M}
 */
public final class DeletionSweepBench {
    private static final double PAGE_PROCESSING = 0.0685;

    private DeletionSweepBench() {
    }

    public static void main(String[] args) {
        for (String scenario : args.length == 0 ? new String[] {"S", "M"} : args) {
            int deals = scenario.equals("M") ? 100_000 : 10_000;
            run(scenario, deals);
        }
    }

    private static void run(String scenario, int deals) {
        PortalOptions options = PortalOptions.defaults().withDeals(deals).withRateLimit(false).withOperatingLimit(false);
        try (PortalSimulator sim = PortalSimulator.start(options)) {
            TapConfig config = TapConfig.defaults(WebhookUrl.parse(sim.webhookUrl()))
                    .withDeletions(DeletionSettings.everyRun());
            BitrixClient client = new BitrixClient(config.webhookUrl(),
                    config.clientSettings().withThrottle(100_000, 100_000), Clock.systemUTC(), d -> { });
            Catalog catalog = entityStreams(new Discovery(client, config).discover());
            JsonNode state = bookmarksAtNow(catalog, sim);
            SyncRunner.Result baseline = sync(client, config, catalog, state);
            for (String stream : List.of("deals", "contacts", "companies", "leads", "activities")) {
                deleteOnePercent(sim, dataset(stream));
            }
            sim.data().spaEntityTypeIds().forEach(t -> deleteOnePercent(sim, Dataset.spaItems(t)));
            SyncRunner.Result second = sync(client, config, catalog, baseline.finalState());
            System.out.printf(Locale.ROOT, "%n%s (%,d deals): baseline sweep, then the sweep after 1 %% deleted%n",
                    scenario, deals);
            System.out.println("| Stream | IDs | HTTP requests | commands | marked | in process, s | under the standard limit, s |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            long requests = 0;
            double limited = 0;
            for (SweepSummary s : second.sweeps()) {
                double computed = underStandardLimit(s);
                requests += s.httpRequests();
                limited += computed;
                System.out.printf(Locale.ROOT, "| `%s` | %,d | %,d | %,d | %,d | %.1f | %.0f |%n", s.stream(), s.ids(),
                        s.httpRequests(), s.subCommands(), s.marked(), s.elapsed().toMillis() / 1000.0, computed);
            }
            System.out.printf(Locale.ROOT, "| all | | %,d | | | | %.0f (%.1f min, streams one after another) |%n",
                    requests, limited, limited / 60);
            System.out.printf(Locale.ROOT, "STATE after the sweep: %,d bytes%n", second.finalState().toString().length());
        }
    }

    /**
     * The sweep's requests replayed under the standard limits: the first holds one page, the others
     * 50 (the pager's adaptive size), each page charged the cost model's uncounted-page time; the
     * gap between requests is the measured in-process time per request.
     */
    private static double underStandardLimit(SweepSummary s) {
        if (s.httpRequests() == 0) {
            return 0;
        }
        double gap = s.elapsed().toNanos() / 1e9 / s.httpRequests();
        long pagesLeft = s.subCommands();
        List<LimitModel.Step> steps = new ArrayList<>();
        for (long i = 0; i < s.httpRequests(); i++) {
            long pages = Math.max(1, Math.min(pagesLeft, i == 0 ? 1 : 50));
            pagesLeft -= pages;
            List<TraceProxy.Call> calls = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                calls.add(new TraceProxy.Call(s.stream(), PAGE_PROCESSING, null));
            }
            steps.add(new LimitModel.Step(gap, pages * PAGE_PROCESSING, calls));
        }
        double[] end = LimitModel.standard(200).replay(steps);
        return end[end.length - 1];
    }

    private static SyncRunner.Result sync(BitrixClient client, TapConfig config, Catalog catalog, JsonNode state) {
        try (SingerWriter writer = new SingerWriter(OutputStream.nullOutputStream())) {
            return SyncRunner.create(client, config, writer, Clock.systemUTC(), d -> { }).run(catalog, state);
        }
    }

    private static Catalog entityStreams(Catalog discovered) {
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry e : discovered.streams()) {
            String n = e.tapStreamId();
            boolean entity = List.of("deals", "contacts", "companies", "leads", "activities", "product").contains(n)
                    || (n.startsWith("spa_") && !n.startsWith("spa_fields_") && !n.equals("spa_types"));
            e.streamMetadata().put("selected", entity);
            out.add(e);
        }
        return new Catalog(out);
    }

    /** Every selected stream's bookmark at the portal's current time: its own read is one short request. */
    private static JsonNode bookmarksAtNow(Catalog catalog, PortalSimulator sim) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        ObjectNode bookmarks = state.putObject("bookmarks");
        ZoneOffset offset = sim.options().utcOffset();
        String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(sim.clock().instant().atOffset(offset));
        for (CatalogEntry e : catalog.selected()) {
            bookmarks.putObject(e.tapStreamId()).put("replication_key", e.replicationKey().orElseThrow())
                    .put("replication_key_value", now);
        }
        return state;
    }

    private static Dataset dataset(String stream) {
        return Map.of("deals", Dataset.DEALS, "contacts", Dataset.CONTACTS, "companies", Dataset.COMPANIES,
                "leads", Dataset.LEADS, "activities", Dataset.ACTIVITIES).get(stream);
    }

    private static void deleteOnePercent(PortalSimulator sim, Dataset d) {
        int n = sim.data().count(d);
        // IDs are 1..n in a fresh portal; every 100th
        for (long id = 50; id <= n; id += 100) {
            sim.data().delete(d, id);
        }
    }
}
