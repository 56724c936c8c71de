package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.ClientSettings;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What a mode that talks to Bitrix24 gets: the validated config, the optional Singer files
 * (checked to exist and be readable), stdout for Singer messages, and the clock and sleeper.
 */
public record RunContext(TapConfig config, Optional<Path> catalog, Optional<Path> state, PrintStream out,
                         Clock clock, Sleeper sleeper) {

    /** A client configured from the settings (throttle, timeouts, retries, operating-time threshold). */
    public BitrixClient client() {
        return client(config.clientSettings());
    }

    public BitrixClient client(ClientSettings settings) {
        return new BitrixClient(config.webhookUrl(), settings, clock, sleeper);
    }
}
