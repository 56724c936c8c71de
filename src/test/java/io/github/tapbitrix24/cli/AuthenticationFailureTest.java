package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A wrong or revoked webhook secret is answered with HTTP 401 INVALID_CREDENTIALS (as real portals do):
 * every mode exits 1 with one line pointing at the secret, after a single request; never exit 0
 * with streams skipped as "access denied".
 */
class AuthenticationFailureTest {
    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(400)
            .withRateLimit(false).withOperatingLimit(false).withWebhook(1, "r1ghtS3cretXYZ"));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    private String wrongSecretUrl() {
        return sim.webhookUrl().replace("r1ghtS3cretXYZ", "wr0ngS3cretABC");
    }

    private static void assertSecretBlamed(TapRun r) {
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        String line = r.failureLines().get(0);
        assertTrue(line.contains("check the webhook's secret"), line);
        assertTrue(line.contains("INVALID_CREDENTIALS"), line);
        assertFalse(r.err().contains("wr0ngS3cretABC"), r.err());
        assertFalse(r.err().contains("access denied"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--discover", "--test", "sync"})
    void aWrongSecretFailsEveryModeAfterOneRequest(String mode) {
        Path config = TapRun.config(dir, wrongSecretUrl(), Map.of());
        TapRun r = mode.equals("sync") ? TapRun.of("--config", config.toString())
                : TapRun.of("--config", config.toString(), mode);
        assertSecretBlamed(r);
        assertEquals(1, sim.counters().httpRequests(), "an authentication failure is not retried");
        assertTrue(r.records("deals") == 0 || mode.equals("--test"));
    }

    @Test
    void aWrongSecretFailsASyncWithACatalog() {
        Path good = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path catalog = TapRun.catalog(dir, good, "deals", "contacts", "users");
        long before = sim.counters().httpRequests();
        TapRun r = TapRun.of("--config", TapRun.config(dir, wrongSecretUrl(), Map.of()).toString(),
                "--catalog", catalog.toString());
        assertSecretBlamed(r);
        assertEquals(0, r.records("deals"));
        assertTrue(sim.counters().httpRequests() - before <= 2, "one request, not retried");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4}) // the run takes 5 requests, its streams' requests shared (docs/scheduler.md)
    void aWebhookRevokedMidRunFailsAfterTheLastGoodState(int requests) {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        Path catalog = TapRun.catalog(dir, config, "deals", "contacts", "companies", "leads", "users");
        sim.faults().revokeAfter(requests);
        TapRun r = TapRun.of("--config", config.toString(), "--catalog", catalog.toString());
        assertSecretBlamed(r);
        JsonNode last = r.lastState();
        if (requests > 1) {
            assertNotNull(last, "the STATE written before the revocation is on stdout");
        }
        String lastLine = r.out().strip();
        lastLine = lastLine.substring(lastLine.lastIndexOf('\n') + 1);
        assertFalse(lastLine.contains("\"RECORD\""), "records after the last STATE would be unaccounted for");
    }
}
