package io.github.tapbitrix24.portal;

/** The portal behind {@code --demo}: small, REAL clock, standard limits on. */
public final class Demo {
    private Demo() {
    }

    /** Options of the demo portal: 300 deals, seed 42, REAL clock, rate limit 2/s burst 50, operating budget 480 s. */
    public static PortalOptions options() {
        return PortalOptions.defaults().withClockMode(PortalClock.Mode.REAL).withAdvanceClockOnRequest(false);
    }

    public static PortalSimulator startDemo() {
        return PortalSimulator.start(options());
    }
}
