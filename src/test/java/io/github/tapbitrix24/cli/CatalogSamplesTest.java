package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.discover.Discovery;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code catalog-samples/} holds the catalogs discovered from the demo portal; this test
 * regenerates them and fails when they drift. {@code mvn test -Dtest=CatalogSamplesTest
 * -DupdateSamples=true} rewrites them (review the diff before committing).
 */
class CatalogSamplesTest {
    private static final Path SAMPLES = Path.of("catalog-samples");
    private static final boolean UPDATE = Boolean.getBoolean("updateSamples");

    @Test
    void demoPortalWithAllOptionsOn() throws IOException {
        check("demo-all-options.json", PortalOptions.defaults(), true);
    }

    @Test
    void demoPortalWithRestrictedScope() throws IOException {
        // a webhook for CRM and users only: no telephony, open lines or departments
        check("demo-restricted-scope.json", PortalOptions.defaults().withScopes(Set.of("crm", "user")), false);
    }

    private static void check(String file, PortalOptions options, boolean allOptions) throws IOException {
        String actual;
        try (PortalSimulator sim = PortalSimulator.start(options)) {
            WebhookUrl url = WebhookUrl.parse(sim.webhookUrl());
            TapConfig config = allOptions
                    ? new TapConfig(url, Optional.empty(), true, true, true, 200, List.of(), 2, 50, 60)
                            .withProductRowStreams(io.github.tapbitrix24.config.ProductRowStreams.ALL)
                    : TapConfig.defaults(url);
            BitrixClient client = new BitrixClient(url, config.clientSettings(), Clock.systemUTC(), d -> {
            });
            actual = DiscoverMode.toText(new Discovery(client, config).discover());
        }
        Path path = SAMPLES.resolve(file);
        if (UPDATE) {
            Files.createDirectories(SAMPLES);
            Files.writeString(path, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "(missing)\n";
        String drift = firstDifference(expected, actual);
        assertEquals("", drift, path + " drifted from what discovery produces (" + drift.trim() + "); rerun with"
                + " -DupdateSamples=true and review the diff");
    }

    /** "" when equal, else the first differing line of each, so a failure stays readable. */
    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "(end of file)";
            String al = i < a.length ? a[i] : "(end of file)";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ": sample has " + el.trim() + ", discovery gives " + al.trim();
            }
        }
        return "";
    }
}
