package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.ConfigException;
import io.github.tapbitrix24.config.ConfigLoader;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.portal.http.Demo;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --demo}: starts the built-in sample portal (the simulator, on loopback, with the standard
 * rate limit) and runs the tap end to end against it: discovery, then a sync of every stream with
 * every deal option on. No config and no network needed; {@code --config} (any setting but the
 * webhook, which is the demo portal's), {@code --discover}, {@code --catalog} and {@code --state} work
 * as against a real portal, so every option can be tried offline and a pipeline tested
 * ({@code --demo | target-jsonl}), twice in a row incrementally.
 */
final class DemoMode implements Mode {
    private static final Logger LOG = Logger.getLogger(DemoMode.class.getName());

    private final ObjectNode settings;
    private final ConfigLoader loader;
    private final Optional<Path> catalog;
    private final Optional<Path> state;
    private final boolean discoverOnly;
    private final PrintStream out;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param settings     the user's config sources merged (not yet validated: the webhook comes from the portal)
     * @param discoverOnly {@code --demo --discover}: print the demo portal's catalog instead of syncing
     */
    DemoMode(ObjectNode settings, ConfigLoader loader, Optional<Path> catalog, Optional<Path> state,
             boolean discoverOnly, PrintStream out, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.loader = loader;
        this.catalog = catalog;
        this.state = state;
        this.discoverOnly = discoverOnly;
        this.out = out;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public int run() throws ConfigException {
        JsonNode st = state.map(SyncMode::readState).orElse(null); // a bad file fails before the portal starts
        try (PortalSimulator portal = Demo.startDemo()) {
            TapConfig config = loader.toConfig(demoSettings(portal.webhookUrl()));
            LOG.info(() -> "demo portal serving at " + config.webhookUrl().masked());
            BitrixClient client = RunContext.timed(
                    new BitrixClient(config.webhookUrl(), config.clientSettings(), clock, sleeper));
            if (discoverOnly) {
                return DiscoverMode.run(client, config, out);
            }
            Catalog chosen = SyncMode.catalogOrDiscover(client, config, catalog);
            return SyncMode.run(config, client, chosen, st, out, clock, sleeper);
        }
    }

    /** The demo's defaults, then the user's settings, then the demo portal's webhook. */
    private ObjectNode demoSettings(String webhookUrl) {
        ObjectNode merged = defaults();
        if (settings.has("webhook_url")) {
            LOG.warning("--demo: the config's webhook_url is ignored; the demo portal's is used");
        }
        merged.setAll(settings.deepCopy());
        merged.put("webhook_url", webhookUrl);
        return merged;
    }

    /**
     * Every optional deal stream and CONTACT_IDS on, at the demo portal's plan limits (an Enterprise
     * plan's, so the whole demo fits in one burst); anything else at the config schema's defaults.
     */
    static ObjectNode defaults() {
        ObjectNode d = JsonMapper.shared().createObjectNode();
        d.put("extract_deal_contacts", true);
        d.put("enable_deal_comments_stream", true);
        d.put("enable_deal_products_stream", true);
        d.put("enable_lead_products_stream", true);
        d.put("enable_quote_products_stream", true);
        d.put("enable_invoice_products_stream", true);
        d.put("enable_spa_products_streams", true);
        d.put("max_requests_per_second", Demo.ENTERPRISE_REQUESTS_PER_SECOND);
        d.put("request_burst", Demo.ENTERPRISE_BURST);
        return d;
    }

    /** The settings a user's config sources give, or none. */
    static ObjectNode userSettings(ConfigLoader loader, List<String> sources) throws ConfigException {
        return sources.isEmpty() ? JsonMapper.shared().createObjectNode() : loader.merge(sources);
    }
}
