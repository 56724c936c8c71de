package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Bad input gets exit 2 and one line naming the problem (and the stream), before any data is read. */
class BadInputTest {
    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(60)
            .withRateLimit(false).withOperatingLimit(false));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    private static String assertUsageError(TapRun r) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.failureLines().size(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return r.failureLines().get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "request_burst|3e9", "deal_comments_full_refresh_hours|1e30", "retry_max_total_seconds|1e20",
            "max_requests_per_second|1e300", "max_response_mb|100000"})
    void numbersBeyondWhatTheTapCanUseAreRejectedByTheSchema(String key, String value) {
        Path config = TapRun.write(dir.resolve("c.json"),
                "{\"webhook_url\":\"" + sim.webhookUrl() + "\",\"" + key + "\":" + value + "}");
        String line = assertUsageError(TapRun.of("--config", config.toString(), "--discover"));
        assertTrue(line.contains(key), line);
        assertEquals(0, sim.counters().httpRequests());
    }

    @Test
    void aFunnelIdBeyondIntRangeIsRejectedByTheSchema() {
        Path config = TapRun.write(dir.resolve("c.json"),
                "{\"webhook_url\":\"" + sim.webhookUrl() + "\",\"deal_category_ids\":[1e30]}");
        assertTrue(assertUsageError(TapRun.of("--config", config.toString(), "--discover")).contains("deal_category_ids"));
    }

    private String catalogWith(Consumer<ObjectNode> change) throws Exception {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path catalog = TapRun.catalog(dir, config, "deals", "users");
        ObjectNode json = (ObjectNode) TapRun.JSON.readTree(Files.readString(catalog));
        for (JsonNode e : json.get("streams")) {
            if (e.get("tap_stream_id").asString().equals("deals")) {
                change.accept((ObjectNode) e);
            }
        }
        TapRun.write(catalog, json.toString());
        long before = sim.counters().httpRequests();
        String line = assertUsageError(TapRun.of("--config", config.toString(), "--catalog", catalog.toString()));
        assertEquals(before, sim.counters().httpRequests(), "rejected before any request");
        assertTrue(line.contains("deals"), line);
        return line;
    }

    private static ObjectNode root(ObjectNode entry) {
        for (JsonNode m : entry.get("metadata")) {
            if (m.get("breadcrumb").isEmpty()) {
                return (ObjectNode) m.get("metadata");
            }
        }
        throw new AssertionError("no stream metadata");
    }

    @Test
    void anUnknownReplicationKeyNamesTheStream() throws Exception {
        assertTrue(catalogWith(e -> root(e).put("replication-key", "NO_SUCH_FIELD")).contains("NO_SUCH_FIELD"));
    }

    @Test
    void anUnknownReplicationMethodNamesTheStream() throws Exception {
        assertTrue(catalogWith(e -> root(e).put("replication-method", "LOG_BASED")).contains("LOG_BASED"));
    }

    @Test
    void selectedThatIsNotABooleanNamesTheStream() throws Exception {
        assertTrue(catalogWith(e -> root(e).put("selected", "yes")).contains("selected"));
    }

    @Test
    void metadataThatIsNotAListNamesTheStream() throws Exception {
        assertTrue(catalogWith(e -> e.putObject("metadata")).contains("metadata"));
    }

    @Test
    void aBreadcrumbThatIsNotAListOfStringsNamesTheStream() throws Exception {
        catalogWith(e -> ((ObjectNode) e.get("metadata").get(1)).putArray("breadcrumb").add(1).add(2));
        catalogWith(e -> ((ObjectNode) e.get("metadata").get(1)).put("breadcrumb", "properties/ID"));
    }

    @Test
    void aStateFileThatDoesNotParseGetsOneLineWithoutParserInternals() {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path state = TapRun.write(dir.resolve("state.json"), "{\"bookmarks\": {\"deals\": ");
        String line = assertUsageError(TapRun.of("--config", config.toString(), "--state", state.toString()));
        assertTrue(line.contains("state file") && line.contains("not valid JSON"), line);
        assertFalse(line.contains("Unexpected") || line.contains("source:") || line.contains("REDACTED"), line);
    }

    @Test
    void mistypedBookmarkPartsAreWarnedAboutNamingTheStream() {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path catalog = TapRun.catalog(dir, config, "deals", "users");
        Path state = TapRun.write(dir.resolve("state.json"), "{\"bookmarks\":{"
                + "\"deals\":{\"replication_key\":\"DATE_MODIFY\",\"replication_key_value\":{\"a\":1},\"last_id\":\"12\"}}}");
        TapRun r = TapRun.of("--config", config.toString(), "--catalog", catalog.toString(), "--state", state.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> warnings = r.errLines().stream().filter(l -> l.startsWith("WARN") && l.contains("deals")).toList();
        assertTrue(warnings.stream().anyMatch(l -> l.contains("last_id") && l.contains("starts again")), r.err());
        assertTrue(warnings.stream().anyMatch(l -> l.contains("replication_key_value") && l.contains("read from")),
                r.err());
    }

    @Test
    void discoverWithACatalogIsRefusedInItsOwnWords() throws Exception {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path catalog = TapRun.write(dir.resolve("catalog.json"), "{\"streams\":[]}");
        String line = assertUsageError(TapRun.of("--config", config.toString(), "--discover", "--catalog",
                catalog.toString()));
        assertTrue(line.contains("--discover writes a new catalog"), line);
    }

    @Test
    void aCatalogOptionWithoutItsFileSaysSo() {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        String line = assertUsageError(TapRun.of("--config", config.toString(), "--catalog"));
        assertTrue(line.contains("--catalog needs the catalog file"), line);
    }
}
