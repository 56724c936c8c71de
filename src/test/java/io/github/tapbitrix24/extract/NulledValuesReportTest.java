package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values that arrive non-empty but cannot be read as their field's type are written as null; the run
 * says so at its end, per stream and field, on stderr and as a Singer METRIC, so data loss is never
 * silent. Forced here by a catalog that declares the deals' TITLE an integer.
 */
class NulledValuesReportTest {
    @Test
    void valuesWrittenAsNullAreCountedPerStreamAndFieldAtTheEndOfTheRun() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger runner = Logger.getLogger(SyncRunner.class.getName());
        runner.addHandler(capture);
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(30))) {
            Catalog catalog = h.catalog("deals", "companies");
            for (CatalogEntry e : catalog.streams()) {
                if (e.tapStreamId().equals("deals")) {
                    ((ObjectNode) e.schema().get("properties")).set("TITLE",
                            SyncHarness.JSON.readTree("{\"type\":[\"integer\",\"null\"]}"));
                }
            }
            SyncHarness.Run run = h.sync(catalog, null);
            assertEquals(30, run.records("deals").stream().filter(r -> r.get("TITLE").isNull()).count());
        } finally {
            runner.removeHandler(capture);
        }
        assertTrue(lines.contains("stream deals, field TITLE: 30 values could not be converted to the field's type"
                + " and were written as null"), String.join("\n", lines));
        String metric = lines.stream().filter(l -> l.startsWith("METRIC: ") && l.contains("nulled_value_count"))
                .findFirst().orElseThrow();
        JsonNode m = SyncHarness.JSON.readTree(metric.substring("METRIC: ".length()));
        assertEquals(30, m.get("value").asInt());
        assertEquals("deals", m.get("tags").get("stream").asString());
        assertEquals("TITLE", m.get("tags").get("field").asString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("stream companies, field")), "companies lost nothing");
    }
}
