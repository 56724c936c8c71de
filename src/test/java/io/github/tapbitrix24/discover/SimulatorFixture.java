package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.TapConfig;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The real client against a running simulator, without real sleeping (the burst covers discovery). */
final class SimulatorFixture {
    private SimulatorFixture() {
    }

    static TapConfig allOptionsOn(String webhookUrl) {
        return new TapConfig(WebhookUrl.parse(webhookUrl), Optional.empty(), true, true, true, 200, List.of(), 2, 50,
                60);
    }

    static BitrixClient client(TapConfig config) {
        return new BitrixClient(config.webhookUrl(), config.clientSettings(), Clock.systemUTC(), d -> {
        });
    }
}
