package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A portal host that does not resolve on the first request (a typo) fails at once with one line, no retries. */
class UnresolvableHostTest {
    @TempDir
    Path dir;

    @Test
    void aHostThatNeverResolvedFailsAtOnceWithoutRetries() {
        // .invalid never resolves (RFC 6761)
        Path config = TapRun.config(dir, "https://acme-typo.invalid/rest/1/s3cretDNS/", Map.of());
        TapRun r = TapRun.of("--config", config.toString(), "--discover");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.failureLines().size(), r.err());
        assertTrue(r.failureLines().get(0).contains("acme-typo.invalid does not resolve"), r.err());
        assertFalse(r.err().contains("retrying"), r.err());
        assertFalse(r.err().contains("s3cretDNS"), r.err());
    }
}
