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
 * Answers are read up to max_response_mb (after decompression): a 500 MB body, an endless chunked
 * one and a gzip bomb fail the request as malformed, naming the cap, instead of an OutOfMemoryError.
 */
class ResponseSizeCapTest {
    private final PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(100)
            .withRateLimit(false).withOperatingLimit(false));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"HUGE_BODY", "ENDLESS_BODY", "GZIP_BOMB"})
    void anOversizedAnswerFailsAsMalformedNamingTheCap(Fault fault) {
        Path config = TapRun.config(dir, sim.webhookUrl(), Map.of("max_response_mb", 1, "retry_max_attempts", 2));
        Path catalog = TapRun.catalog(dir, config, "deals");
        sim.faults().failNext(100, fault);
        TapRun r = TapRun.of("--config", config.toString(), "--catalog", catalog.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        String line = r.failureLines().get(0);
        assertTrue(line.contains("larger than 1 MB (max_response_mb)"), line);
        assertFalse(r.err().contains("OutOfMemory"), r.err());
    }
}
