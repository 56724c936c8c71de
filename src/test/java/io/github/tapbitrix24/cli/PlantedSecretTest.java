package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Fault;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal plants the webhook secret in every text it serves (field labels and titles, names,
 * error descriptions, HTML error pages, Location headers): it appears nowhere the tap writes,
 * neither stdout (records, SCHEMA, STATE, the catalog) nor stderr, in any mode.
 */
class PlantedSecretTest {
    private static final String SECRET = "pl4ntedS3cretXY";
    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(120)
            .withRateLimit(false).withOperatingLimit(false).withWebhook(1, SECRET));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    private static void assertNoSecret(String where, String text) {
        assertFalse(text.contains(SECRET), where + " holds the secret: "
                + text.substring(Math.max(0, text.indexOf(SECRET) - 200), Math.min(text.length(), text.indexOf(SECRET) + 50)));
    }

    @Test
    void theSecretPlantedEverywhereIsWrittenNowhere() throws Exception {
        sim.faults().plantSecret(true);
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());

        TapRun discover = TapRun.of("--config", config.toString(), "--discover");
        assertEquals(0, discover.exit(), discover.err());
        assertTrue(discover.out().contains("***"), "the planted labels reach the catalog, masked");
        assertNoSecret("the catalog", discover.out());
        assertNoSecret("discovery's stderr", discover.err());
        Path catalog = TapRun.catalog(dir, config, "deals", "deal_fields", "departments", "status_list", "users",
                "contact_fields");
        assertNoSecret("the catalog file", Files.readString(catalog));

        sim.faults().failNext(1, Fault.HTTP_500).failNext(1, Fault.HTML_502);
        TapRun sync = TapRun.of("--config", config.toString(), "--catalog", catalog.toString(), "--log-level", "debug");
        assertEquals(0, sync.exit(), sync.err());
        assertTrue(sync.records("deal_fields") > 0 && sync.records("departments") > 0, sync.err());
        assertNoSecret("stdout (records, SCHEMA, STATE)", sync.out());
        assertNoSecret("the state", sync.lastState().toString());
        assertNoSecret("stderr", sync.err());

        sim.faults().failNext(100, Fault.REDIRECT_AWAY);
        TapRun redirected = TapRun.of("--config", config.toString(), "--catalog", catalog.toString(),
                "--log-level", "debug");
        assertEquals(1, redirected.exit(), redirected.err());
        assertNoSecret("stdout after a refused redirect", redirected.out());
        assertNoSecret("stderr after a refused redirect", redirected.err());
    }
}
