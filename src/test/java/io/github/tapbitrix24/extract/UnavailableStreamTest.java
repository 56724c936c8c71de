package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A catalog made while the webhook had a scope it no longer has: that stream is skipped, the rest syncs. */
class UnavailableStreamTest {

    @Test
    void streamWhoseScopeWasRevokedIsSkippedAndTheRunCompletes() {
        Catalog catalog;
        try (SyncHarness full = new SyncHarness(PortalOptions.defaults().withDeals(200))) {
            catalog = full.catalog("deals", "calls", "users");
        }
        Set<String> scopes = new HashSet<>(PortalOptions.ALL_SCOPES);
        scopes.remove("telephony");
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(200).withScopes(scopes))) {
            SyncHarness.Run run = h.sync(catalog, null);

            assertFalse(run.killed());
            StreamSummary calls = run.result().stream("calls").orElseThrow();
            assertFalse(calls.completed());
            assertTrue(calls.skipped().contains("scope"), calls.line());
            assertEquals(200, run.records("deals").size());
            assertTrue(run.records("users").size() > 0);
            assertFalse(run.result().finalState().get("bookmarks").has("calls"));
        }
    }

    @Test
    void aSmartProcessDeletedSinceDiscoveryIsSkippedAndTheRunCompletes() {
        Catalog catalog;
        try (SyncHarness full = new SyncHarness(PortalOptions.defaults().withDeals(50).withSpaSizes(Map.of(1040, 20)))) {
            catalog = full.catalog("deals", "spa_1040", "spa_fields_1040");
        }
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(50).withSpaSizes(Map.of()))) {
            SyncHarness.Run run = h.sync(catalog, null);

            assertFalse(run.killed());
            for (String gone : List.of("spa_1040", "spa_fields_1040")) {
                StreamSummary s = run.result().stream(gone).orElseThrow();
                assertFalse(s.completed(), s.line());
                assertTrue(s.skipped().contains("NOT_FOUND"), s.line());
            }
            assertEquals(50, run.records("deals").size());
        }
    }
}
