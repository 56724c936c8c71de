package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.ClientSettings;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.singer.Metrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What a mode that talks to Bitrix24 gets: the validated config, the optional Singer files
 * (checked to exist and be readable), stdout for Singer messages, and the clock and sleeper.
 */
public record RunContext(TapConfig config, Optional<Path> catalog, Optional<Path> state, PrintStream out,
                         Clock clock, Sleeper sleeper) {
    private static final Logger LOG = Logger.getLogger(RunContext.class.getName());

    /** A client configured from the settings (throttle, timeouts, retries, operating-time threshold). */
    public BitrixClient client() {
        return client(config.clientSettings());
    }

    public BitrixClient client(ClientSettings settings) {
        return new BitrixClient(config.webhookUrl(), settings, clock, sleeper);
    }

    /**
     * The client, with an {@code http_request_duration} METRIC timer on stderr for every HTTP exchange,
     * tagged as the Meltano SDK tags it: endpoint (the REST method), HTTP status, succeeded or failed.
     */
    static BitrixClient timed(BitrixClient client) {
        client.onExchange(e -> LOG.info(() -> Metrics.logged(Metrics.timer("http_request_duration",
                e.duration().toNanos() / 1e9, Map.of("endpoint", e.endpoint(),
                        "http_status_code", Integer.toString(e.httpStatus()),
                        "status", e.succeeded() ? "succeeded" : "failed")))));
        return client;
    }
}
