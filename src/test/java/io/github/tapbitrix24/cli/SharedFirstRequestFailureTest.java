package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Fault;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small streams' first calls go out together in one request when a run starts. When that
 * request itself fails, the run ends there: a fatal failure after that one request, a transient one
 * after the client's retries of it; never once more per small stream.
 */
class SharedFirstRequestFailureTest {
    private static final String[] SMALL = {"deal_fields", "contact_fields", "company_fields", "lead_fields",
        "activity_fields", "product_fields", "status_list", "departments"};

    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(50)
            .withRateLimit(false).withOperatingLimit(false).withWebhook(1, "r1ghtS3cretXYZ"));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aWrongSecretOnTheSharedRequestEndsTheRunAfterIt() {
        Path catalog = TapRun.catalog(dir, TapRun.config(dir, sim.webhookUrl(), Map.of()), SMALL);
        Path wrong = TapRun.config(dir, sim.webhookUrl().replace("r1ghtS3cretXYZ", "wr0ngS3cretABC"), Map.of());
        long before = sim.counters().httpRequests();

        TapRun r = TapRun.of("--config", wrong.toString(), "--catalog", catalog.toString());

        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        assertTrue(r.failureLines().get(0).contains("check the webhook's secret"), r.err());
        assertEquals(1, sim.counters().httpRequests() - before, "the shared request only, not one more per stream");
    }

    @Test
    void aSharedRequestThatKeepsFailingIsRetriedOnceNotOncePerStream() {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of("retry_max_attempts", 2,
                "retry_initial_delay_seconds", 0.01, "retry_max_delay_seconds", 0.02));
        Path catalog = TapRun.catalog(dir, config, SMALL);
        sim.faults().failNext(100, Fault.HTTP_500);
        long before = sim.counters().httpRequests();

        TapRun r = TapRun.of("--config", config.toString(), "--catalog", catalog.toString());

        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        assertTrue(r.failureLines().get(0).contains("gave up after 2 attempts"), r.err());
        assertEquals(2, sim.counters().httpRequests() - before, "the shared request and its one retry");
        assertEquals(0, r.records("deal_fields"));
    }
}
