package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulator portal, the real client over loopback HTTP and the real runner, with the tap's
 * stdout captured as parsed Singer messages. Limits off and no sleeping, so tests take seconds.
 */
final class SyncHarness implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    final PortalSimulator sim;
    final TapConfig config;
    final BitrixClient client;

    SyncHarness(PortalOptions options) {
        this(options, c -> c);
    }

    SyncHarness(PortalOptions options, UnaryOperator<TapConfig> configure) {
        this.sim = PortalSimulator.start(options.withRateLimit(false).withOperatingLimit(false));
        this.config = configure.apply(TapConfig.defaults(WebhookUrl.parse(sim.webhookUrl())));
        this.client = new BitrixClient(config.webhookUrl(),
                config.clientSettings().withThrottle(100_000, 100_000), Clock.systemUTC(), d -> { });
    }

    /** The discovered catalog with only {@code streams} selected (all when none are given), every field. */
    Catalog catalog(String... streams) {
        Catalog discovered = new Discovery(client, config).discover();
        Set<String> wanted = Set.of(streams);
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry e : discovered.streams()) {
            e.streamMetadata().put("selected", wanted.isEmpty() || wanted.contains(e.tapStreamId()));
            out.add(e);
        }
        return new Catalog(out);
    }

    Run sync(Catalog catalog, JsonNode state) {
        return sync(catalog, state, Long.MAX_VALUE);
    }

    /**
     * Syncs to an output that only counts lines (for volume tests: nothing is kept in memory);
     * returns the runner's result and the CPU time of the calling thread, which runs the whole tap
     * (client, coercion, writer) while the simulator serves on its own threads.
     */
    Counted syncCounting(Catalog catalog, JsonNode state) {
        long[] lines = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines[0]++;
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines[0]++;
                    }
                }
            }
        };
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        SyncRunner.Result result;
        try (SingerWriter writer = new SingerWriter(counting)) {
            result = SyncRunner.create(client, config, writer, Clock.systemUTC(), d -> { }).run(catalog, state);
        }
        return new Counted(result, lines[0], java.time.Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuBefore));
    }

    /** The values of {@code key} in {@code rows} (records or portal rows), as text. */
    static Set<String> ids(List<? extends JsonNode> rows, String key) {
        Set<String> ids = new java.util.HashSet<>();
        rows.forEach(r -> ids.add(r.get(key).asString()));
        return ids;
    }

    record Counted(SyncRunner.Result result, long lines, java.time.Duration tapCpu) {
    }

    /** Syncs; with {@code killAfterLines}, stdout breaks after that many lines, as when the tap is killed. */
    Run sync(Catalog catalog, JsonNode state, long killAfterLines) {
        LineLimitedOutput out = new LineLimitedOutput(killAfterLines);
        long before = client.stats().httpRequests();
        SyncRunner.Result result = null;
        boolean killed = false;
        SingerWriter writer = new SingerWriter(out);
        try {
            result = SyncRunner.create(client, config, writer, Clock.systemUTC(), d -> { }).run(catalog, state);
            writer.close();
        } catch (RuntimeException e) {
            if (!out.broken) {
                throw e;
            }
            killed = true;
        }
        return new Run(parse(out.bytes.toByteArray()), result, killed, client.stats().httpRequests() - before);
    }

    private static List<JsonNode> parse(byte[] bytes) {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                messages.add(JSON.readTree(line));
            }
        }
        return messages;
    }

    @Override
    public void close() {
        sim.close();
    }

    /** What one run wrote: complete lines only, as a reader of a killed tap's stdout would see them. */
    record Run(List<JsonNode> messages, SyncRunner.Result result, boolean killed, long httpRequests) {
        List<ObjectNode> records(String stream) {
            List<ObjectNode> out = new ArrayList<>();
            for (JsonNode m : messages) {
                if (m.path("type").asString("").equals("RECORD") && m.path("stream").asString("").equals(stream)) {
                    out.add((ObjectNode) m.get("record"));
                }
            }
            return out;
        }

        /** The value of the last STATE message, or null when none made it out. */
        JsonNode lastState() {
            JsonNode last = null;
            for (JsonNode m : messages) {
                if (m.path("type").asString("").equals("STATE")) {
                    last = m.get("value");
                }
            }
            return last;
        }

        long httpRequestsOf(String stream) {
            return result.stream(stream).orElseThrow().httpRequests();
        }

        /** Every RECORD validated (networknt) against the SCHEMA announced for its stream before it. */
        void assertRecordsValidateAgainstTheirSchemas() {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                    b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
            Map<String, Schema> schemas = new HashMap<>();
            long validated = 0;
            for (JsonNode m : messages) {
                String type = m.path("type").asString("");
                String stream = m.path("stream").asString("");
                if (type.equals("SCHEMA")) {
                    schemas.put(stream, registry.getSchema(m.get("schema")));
                } else if (type.equals("RECORD")) {
                    Schema schema = schemas.get(stream);
                    if (schema == null) {
                        fail("RECORD of " + stream + " before its SCHEMA");
                    }
                    List<Error> errors = schema.validate(m.get("record"));
                    if (!errors.isEmpty()) {
                        fail(stream + " record " + m.get("record").path("ID") + m.get("record").path("id")
                                + " fails its schema: " + errors.subList(0, Math.min(3, errors.size())));
                    }
                    validated++;
                }
            }
            assertTrue(validated > 0, "no records to validate");
        }
    }

    /** Keeps, per key, the record seen last across runs: what a target holds after merging them. */
    static Map<String, ObjectNode> merge(String keyField, List<List<ObjectNode>> runs) {
        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        for (List<ObjectNode> run : runs) {
            for (ObjectNode r : run) {
                merged.put(r.get(keyField).asString(), r);
            }
        }
        return merged;
    }

    /** An OutputStream that breaks after a number of lines: the bytes before are delivered, later writes fail. */
    static final class LineLimitedOutput extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long limit;
        private long lines;
        boolean broken;

        LineLimitedOutput(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int end = off + len;
            int from = off;
            for (int i = off; i < end && lines < limit; i++) {
                if (b[i] == '\n') {
                    lines++;
                    bytes.write(b, from, i + 1 - from);
                    from = i + 1;
                }
            }
            if (lines >= limit && from < end) {
                broken = true;
                throw new IOException("stdout closed (test kill after " + limit + " lines)");
            }
            bytes.write(b, from, end - from);
        }
    }
}
