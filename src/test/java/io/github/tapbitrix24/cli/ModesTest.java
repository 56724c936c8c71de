package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sync and demo modes through the real command line, against the simulator over HTTP. */
class ModesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Run(int exit, List<JsonNode> messages, String err) {
        Map<String, Integer> recordsPerStream() {
            Map<String, Integer> counts = new HashMap<>();
            for (JsonNode m : messages) {
                if (m.path("type").asString().equals("RECORD")) {
                    counts.merge(m.path("stream").asString(), 1, Integer::sum);
                }
            }
            return counts;
        }

        JsonNode lastState() {
            JsonNode last = null;
            for (JsonNode m : messages) {
                if (m.path("type").asString().equals("STATE")) {
                    last = m.get("value");
                }
            }
            return last;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TapCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC(), d -> { });
        List<JsonNode> messages = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                messages.add(JSON.readTree(line)); // every stdout line must be a JSON message
            }
        }
        return new Run(exit, messages, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoDiscoversAndSyncsEveryStreamWithoutConfig() {
        Run r = run("--demo");
        assertEquals(0, r.exit(), r.err());
        Map<String, Integer> counts = r.recordsPerStream();
        for (String stream : List.of("deals", "contacts", "companies", "leads", "activities", "product", "users",
                "departments", "calls", "open_lines", "status_list", "spa_types", "deal_fields", "deal_stage_history",
                "lead_stage_history", "tasks", "task_fields", "task_elapsed_time", "workgroups", "workgroup_members",
                "task_stages")) {
            assertTrue(counts.getOrDefault(stream, 0) > 0, stream + " has no records: " + counts);
        }
        assertTrue(new TreeSet<>(counts.keySet()).stream().anyMatch(s -> s.matches("spa_\\d+")), counts.toString());
        assertTrue(r.lastState().path("bookmarks").has("deals"), "the final STATE holds the deals' bookmark");
        assertFalse(r.err().contains("Exception"), r.err());
    }

    /** Issue 16: the demo selects the CRM breadth streams and its portal has data for each. */
    @Test
    void demoWritesRecordsForEveryCrmBreadthStream() {
        Run r = run("--demo");
        assertEquals(0, r.exit(), r.err());
        Map<String, Integer> counts = r.recordsPerStream();
        for (String stream : List.of("quotes", "invoices", "quote_products", "invoice_products", "lead_products",
                "categories", "currencies", "requisites", "requisite_bank_details", "addresses", "contact_companies",
                "company_contacts")) {
            assertTrue(counts.getOrDefault(stream, 0) > 0, stream + " has no records: " + counts);
        }
        assertTrue(counts.entrySet().stream().anyMatch(e -> e.getKey().matches("spa_products_\\d+") && e.getValue() > 0),
                "a smart process's product rows: " + counts);
    }

    /** Meltano SDK style: a timer per HTTP exchange, tagged with the REST method and the HTTP status. */
    @Test
    void everyHttpExchangeIsTimedWithItsEndpointAndStatus() {
        Run r = run("--demo");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> timers = r.err().lines().filter(l -> l.startsWith("INFO METRIC: "))
                .map(l -> JSON.readTree(l.substring("INFO METRIC: ".length())))
                .filter(m -> m.path("metric").asString().equals("http_request_duration")).toList();
        assertTrue(timers.size() > 10, "one timer per request: " + timers.size());
        for (JsonNode t : timers) {
            assertEquals("timer", t.path("type").asString());
            assertTrue(t.path("value").asDouble() >= 0);
            assertEquals("200", t.path("tags").path("http_status_code").asString(), t.toString());
            assertEquals("succeeded", t.path("tags").path("status").asString());
            assertTrue(t.path("tags").path("endpoint").asString().matches("batch|[a-z]+(\\.[a-z]+)+"), t.toString());
        }
    }

    /** The counts a CRM migration is reconciled by: per stream, and deals per funnel and stage, adding up. */
    @Test
    void aRunEndsWithTheReconciliationOfRecordsPerStreamAndDealsPerFunnelAndStage() {
        Run r = run("--demo");
        assertEquals(0, r.exit(), r.err());
        Map<String, Long> perStream = new java.util.HashMap<>();
        Map<String, Long> perFunnel = new java.util.HashMap<>();
        long perStage = 0;
        for (String line : r.err().lines().filter(l -> l.startsWith("INFO METRIC: ")).toList()) {
            JsonNode m = JSON.readTree(line.substring("INFO METRIC: ".length()));
            if (!m.path("metric").asString().equals("reconciliation_count")) {
                continue;
            }
            JsonNode tags = m.get("tags");
            if (tags.has("STAGE_ID")) {
                perStage += m.get("value").asLong();
            } else if (tags.has("CATEGORY_ID")) {
                perFunnel.put(tags.get("CATEGORY_ID").asString(), m.get("value").asLong());
            } else {
                perStream.put(tags.get("stream").asString(), m.get("value").asLong());
            }
        }
        Map<String, Integer> written = r.recordsPerStream();
        written.forEach((stream, n) -> assertEquals(n.longValue(), perStream.get(stream), stream));
        assertEquals(Set.of("0", "1", "2"), perFunnel.keySet(), "the demo's three funnels");
        assertEquals(written.get("deals").longValue(), perFunnel.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(written.get("deals").longValue(), perStage);
        assertTrue(r.err().contains("deals per CATEGORY_ID and STAGE_ID:"), "a readable table too");
    }

    /** singer-python's METRIC lines on stderr, which orchestrators read: one set per stream, true to stdout. */
    @Test
    void everyStreamReportsItsRecordCountRequestsAndDurationAsSingerMetrics() {
        Run r = run("--demo");
        assertEquals(0, r.exit(), r.err());
        Map<String, Long> recordCount = new java.util.HashMap<>();
        Set<String> timed = new java.util.HashSet<>();
        Set<String> requestCounted = new java.util.HashSet<>();
        for (String line : r.err().lines().toList()) {
            if (!line.startsWith("INFO METRIC: ")) {
                continue;
            }
            JsonNode m = JSON.readTree(line.substring("INFO METRIC: ".length()));
            String stream = m.path("tags").path("stream").asString();
            switch (m.path("metric").asString()) {
                case "record_count" -> recordCount.merge(stream, m.path("value").asLong(), Long::sum); // increments
                case "http_request_count" -> requestCounted.add(stream);
                case "sync_duration" -> {
                    assertEquals("timer", m.path("type").asString(), line);
                    assertEquals("succeeded", m.path("tags").path("status").asString(), line);
                    timed.add(stream);
                }
                case "http_request_duration", "reconciliation_count" -> { } // tests of their own
                default -> throw new AssertionError("unexpected metric: " + line);
            }
        }
        Map<String, Integer> written = r.recordsPerStream();
        assertTrue(written.size() > 20, written.toString());
        written.forEach((stream, n) -> assertEquals(n.longValue(), recordCount.get(stream), stream));
        assertEquals(recordCount.keySet(), timed);
        assertEquals(recordCount.keySet(), requestCounted);
    }

    @Test
    void demoResumesFromItsOwnStateWithoutReReadingEverything() throws Exception {
        Run first = run("--demo");
        Path state = dir.resolve("state.json");
        Files.writeString(state, first.lastState().toString());
        Run second = run("--demo", "--state", state.toString());
        assertEquals(0, second.exit(), second.err());
        int firstDeals = first.recordsPerStream().get("deals");
        int secondDeals = second.recordsPerStream().getOrDefault("deals", 0);
        // Only deals modified within the lookback before the first scan come again: in the demo data
        // that is the burst of edits in the second before the portal starts (8 of 300 deals).
        assertTrue(secondDeals <= firstDeals / 20, "incremental run re-read " + secondDeals + " of " + firstDeals + " deals");
    }

    @Test
    void syncWithoutCatalogDiscoversAndSyncsTheDefaultSelection() throws Exception {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(120)
                .withRateLimit(false).withOperatingLimit(false))) {
            Path config = dir.resolve("config.json");
            Files.writeString(config, "{\"webhook_url\":\"" + sim.webhookUrl() + "\"}");
            Run r = run("--config", config.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(120, r.recordsPerStream().get("deals"));
            assertFalse(r.err().contains(sim.webhookUrl()), "the token must never reach stderr");
        }
    }

    @Test
    void aCatalogThatIsNotACatalogIsAUsageError() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"webhook_url\":\"https://acme.bitrix24.com/rest/1/s3cr3t/\"}");
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, "{\"streams\": 5}");
        Run r = run("--config", config.toString(), "--catalog", catalog.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.messages().isEmpty());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("catalog"), r.err());
    }

    @Test
    void aStateThatIsNotAnObjectIsAUsageError() throws Exception {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "[1, 2]");
        Run r = run("--demo", "--state", state.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.messages().isEmpty());
        assertTrue(r.err().contains("state file"), r.err());
    }

    @Test
    void aClosedStdoutEndsTheRunQuietlyWithExitOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] lines = {0};
        java.io.OutputStream closesAfterTenLines = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                if (lines[0] >= 10) {
                    throw new java.io.IOException("Broken pipe");
                }
                if (b == '\n') {
                    lines[0]++;
                }
            }
        };
        int exit = TapCommand.run(new String[] {"--demo"}, new PrintStream(closesAfterTenLines, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC(), d -> { });
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, stderr);
        assertTrue(stderr.contains("tap-bitrix24: stdout was closed by its reader; stopping"), stderr);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), stderr);
        assertFalse(stderr.contains("INFO stream deals:"), "stopped before syncing on: " + stderr);
    }
}
