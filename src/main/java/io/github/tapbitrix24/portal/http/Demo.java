package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.PortalClock;
import io.github.tapbitrix24.portal.PortalOptions;

/** The portal behind {@code --demo}: small, REAL clock, standard limits on. */
public final class Demo {
    private Demo() {
    }

    /**
     * Options of the demo portal: 300 deals, seed 42, REAL clock, operating budget 480 s, and the rate
     * limit of an Enterprise plan (5 requests/s, burst 250; bitrix24-api.md §4.1), so that the whole demo
     * fits in one burst and runs in seconds. The tap's demo config uses the same plan limits.
     */
    public static PortalOptions options() {
        return PortalOptions.defaults().withClockMode(PortalClock.Mode.REAL).withAdvanceClockOnRequest(false)
                .withRate(ENTERPRISE_REQUESTS_PER_SECOND, ENTERPRISE_BURST);
    }

    /** The leaky bucket of an Enterprise plan: drain rate and burst. */
    public static final double ENTERPRISE_REQUESTS_PER_SECOND = 5;
    public static final int ENTERPRISE_BURST = 250;

    public static PortalSimulator startDemo() {
        return PortalSimulator.start(options());
    }
}
