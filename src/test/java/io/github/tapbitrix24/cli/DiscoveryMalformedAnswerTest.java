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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Discovery reads {@code scope}, the {@code *.fields} lists and {@code crm.type.list}; an answer of
 * the wrong shape there (a string, an object where the list or the field map is due) is a malformed
 * response like a list page: asked again, then exit 1 naming the method. Never a catalog built from
 * it (streams or fields silently missing), never a JSON exception.
 */
class DiscoveryMalformedAnswerTest {
    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(20)
            .withSpaSizes(Map.of(1040, 5)).withRateLimit(false).withOperatingLimit(false));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"PAGE_AS_STRING", "PAGE_AS_OBJECT"})
    void oneMalformedAnswerIsAskedAgainAndTheCatalogIsComplete(Fault fault) {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        TapRun clean = TapRun.of("--config", config.toString(), "--discover");
        assertEquals(0, clean.exit(), clean.err());

        sim.faults().failNext(1, fault);
        TapRun r = TapRun.of("--config", config.toString(), "--discover");

        assertEquals(0, r.exit(), r.err());
        assertTrue(TapRun.JSON.readTree(clean.out()).equals(TapRun.JSON.readTree(r.out())),
                "the same catalog as without the fault");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"PAGE_AS_STRING", "PAGE_AS_OBJECT"})
    void malformedAnswersThatPersistFailNamingTheMethod(Fault fault) {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        sim.faults().failNext(100, fault);

        TapRun r = TapRun.of("--config", config.toString(), "--discover");

        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        String line = r.failureLines().get(0);
        assertTrue(line.contains("unreadable answer to scope"), line);
        assertFalse(r.err().contains("JsonNode"), r.err());
        assertTrue(r.out().isEmpty(), "no catalog");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"PAGE_AS_STRING", "PAGE_AS_OBJECT"})
    void aMalformedSmartProcessFieldListFailsNamingTheMethod(Fault fault) {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
        sim.faults().passNext(1).failNext(100, fault); // the first batch; then the smart processes' crm.item.fields

        TapRun r = TapRun.of("--config", config.toString(), "--discover");

        assertEquals(1, r.exit(), r.err());
        assertTrue(r.failureLines().get(0).contains("unreadable answer to crm.item.fields"), r.err());
    }
}
