package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.portal.Demo;
import io.github.tapbitrix24.portal.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * {@code --demo}: starts the built-in sample portal (the simulator, on loopback, with the standard
 * rate limit) and runs the tap end to end against it: discovery, then a sync of every stream with
 * every deal option on. No config and no network needed; {@code --catalog} and {@code --state}
 * work as against a real portal, so a pipeline can be tested offline ({@code --demo | target-jsonl}).
 */
final class DemoMode implements Mode {
    private static final Logger LOG = Logger.getLogger(DemoMode.class.getName());

    private final Optional<Path> catalog;
    private final Optional<Path> state;
    private final PrintStream out;
    private final Clock clock;
    private final Sleeper sleeper;

    DemoMode(Optional<Path> catalog, Optional<Path> state, PrintStream out, Clock clock, Sleeper sleeper) {
        this.catalog = catalog;
        this.state = state;
        this.out = out;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public int run() {
        JsonNode st = state.map(SyncMode::readState).orElse(null); // a bad file fails before the portal starts
        try (PortalSimulator portal = Demo.startDemo()) {
            TapConfig config = demoConfig(WebhookUrl.parse(portal.webhookUrl()));
            LOG.info(() -> "demo portal serving at " + config.webhookUrl().masked());
            BitrixClient client = new BitrixClient(config.webhookUrl(), config.clientSettings(), clock, sleeper);
            Catalog chosen = SyncMode.catalogOrDiscover(client, config, catalog);
            return SyncMode.run(config, client, chosen, st, out, clock, sleeper);
        }
    }

    /** Every default, with every optional deal stream and CONTACT_IDS on, at the demo portal's plan limits. */
    static TapConfig demoConfig(WebhookUrl webhook) {
        TapConfig d = TapConfig.defaults(webhook);
        return new TapConfig(d.webhookUrl(), d.startDate(), true, true, true, d.operatingTimeThreshold(),
                d.dealCategoryIds(), Demo.ENTERPRISE_REQUESTS_PER_SECOND, Demo.ENTERPRISE_BURST, d.requestTimeoutSeconds());
    }
}
