package io.github.tapbitrix24.portal;

import io.github.tapbitrix24.portal.http.PortalSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that share one default-sized portal with both limits off, started once per
 * class and reached through a {@link PortalClient}.
 */
abstract class UnlimitedPortalTest {
    static PortalSimulator sim;
    static PortalClient client;

    @BeforeAll
    static void startPortal() {
        sim = PortalSimulator.start(PortalOptions.defaults().withRateLimit(false).withOperatingLimit(false));
        client = new PortalClient(sim);
    }

    @AfterAll
    static void stopPortal() {
        sim.close();
    }
}
