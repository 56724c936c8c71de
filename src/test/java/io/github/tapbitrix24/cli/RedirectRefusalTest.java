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

/**
 * A redirect to another host than the portal's (not of its Bitrix24 cloud domain) is refused without
 * sending the secret there, not retried, and the run exits 1 naming the new host.
 */
class RedirectRefusalTest {
    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(50)
            .withRateLimit(false).withOperatingLimit(false).withWebhook(1, "redirS3cretQQ"));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aRedirectToAnotherHostIsRefusedNamedAndNotRetried() {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        sim.faults().failNext(5, Fault.REDIRECT_AWAY);
        TapRun r = TapRun.of("--config", config.toString(), "--discover");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        String line = r.failureLines().get(0);
        assertTrue(line.contains("to host localhost") && line.contains("webhook_url"), line);
        assertEquals(1, sim.counters().httpRequests(), "neither followed (the secret would go along) nor retried");
        assertFalse(r.err().contains("redirS3cretQQ"), r.err());
    }
}
