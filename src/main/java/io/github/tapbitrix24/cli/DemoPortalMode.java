package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.portal.http.Demo;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --demo-portal}: the demo's simulated portal on its own, on loopback, until the process is
 * stopped, for pipelines that start the tap themselves (Meltano, a script). Prints one line on
 * stdout, a config ready for {@code --config}: the portal's webhook URL with the demo's settings.
 * That URL's token is the simulator's own (it opens nothing but this process on 127.0.0.1), so
 * printing it gives nothing away; a real portal's webhook is never printed.
 */
final class DemoPortalMode implements Mode {
    private static final Logger LOG = Logger.getLogger(DemoPortalMode.class.getName());

    /** Blocks until the portal should stop. */
    @FunctionalInterface
    interface Waiter {
        void await() throws InterruptedException;
    }

    private final PrintStream out;
    private final Waiter waiter;

    DemoPortalMode(PrintStream out, Waiter waiter) {
        this.out = out;
        this.waiter = waiter;
    }

    @Override
    public int run() throws InterruptedException {
        try (PortalSimulator portal = Demo.startDemo()) {
            ObjectNode config = DemoMode.defaults();
            config.put("webhook_url", portal.webhookUrl());
            out.println(JsonMapper.shared().writeValueAsString(config));
            out.flush();
            LOG.info(() -> "demo portal serving at " + portal.maskedWebhookUrl() + " (" + portal.options().deals()
                    + " deals); the line on stdout is a config for --config; stop with Ctrl-C");
            waiter.await();
        }
        return 0;
    }

    /** Until the JVM is stopped (Ctrl-C, kill): a shutdown hook ends it, no exit code to report. */
    static void untilKilled() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
