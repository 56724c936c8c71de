package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Fault;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An answer with HTTP 200 but the wrong shape is a malformed answer: retried, then exit 1 naming the
 * method; never "no more rows" with exit 0, and the bookmark of the unfinished scan never moves.
 */
class MalformedAnswerTest {
    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(3000)
            .withRateLimit(false).withOperatingLimit(false));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    /** Discovers without faults, then syncs {@code streams} with {@code fault} on every request to {@code method}. */
    private TapRun sync(Fault fault, String method, String... streams) {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path catalog = TapRun.catalog(dir, config, streams);
        sim.faults().failNext(1000, fault, method);
        return TapRun.of("--config", config.toString(), "--catalog", catalog.toString());
    }

    private static void assertFailedNaming(TapRun r, String method) {
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        assertTrue(r.failureLines().get(0).contains(method), r.failureLines().get(0));
        assertFalse(r.err().contains("Exception"), r.err());
    }

    /** No deals bookmark is committed: the deals entry holds no replication_key_value. */
    private static void assertNoBookmark(TapRun r) {
        JsonNode state = r.lastState();
        if (state != null) {
            assertTrue(state.path("bookmarks").path("deals").path("replication_key_value").isMissingNode(),
                    state.toString());
        }
    }

    @Test
    void everyDealsPageAStringFailsNamingTheMethodAndCommitsNoBookmark() {
        TapRun r = sync(Fault.PAGE_AS_STRING, "batch", "deals");
        assertFailedNaming(r, "crm.deal.list");
        assertEquals(0, r.records("deals"));
        assertNoBookmark(r);
    }

    @Test
    void everyDealsPageAnObjectFailsNamingTheMethod() {
        TapRun r = sync(Fault.PAGE_AS_OBJECT, "batch", "deals");
        assertFailedNaming(r, "crm.deal.list");
        assertNoBookmark(r);
    }

    @Test
    void aSmartProcessPageWithoutItemsFailsNamingTheMethod() {
        TapRun r = sync(Fault.PAGE_AS_OBJECT, "batch", "spa_1040");
        assertFailedNaming(r, "crm.item.list");
        assertEquals(0, r.records("spa_1040"));
    }

    @Test
    void oneMalformedPageMidScanIsRetriedAndNothingIsLost() {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path catalog = TapRun.catalog(dir, config, "deals");
        sim.onRequest(served -> {
            if (served.sequence() == 3) {
                sim.faults().failNext(1, Fault.PAGE_AS_STRING, "batch");
            }
        });
        TapRun r = TapRun.of("--config", config.toString(), "--catalog", catalog.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(3000, r.records("deals"));
    }

    @Test
    void anOffsetPagedNextThatDoesNotAdvanceStopsWithAnError() {
        TapRun r = sync(Fault.NEXT_STUCK, null, "departments");
        assertFailedNaming(r, "department.get");
        assertTrue(r.failureLines().get(0).contains("does not move forward"), r.failureLines().get(0));
    }

    @Test
    void aNextBeyondIntRangeIsAMalformedAnswerNamingTheMethod() {
        TapRun r = sync(Fault.NEXT_HUGE, null, "departments");
        assertFailedNaming(r, "department.get");
        assertFalse(r.err().contains("Arithmetic"), r.err());
    }
}
