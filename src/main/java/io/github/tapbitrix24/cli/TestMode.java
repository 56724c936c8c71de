package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.ClientSettings;
import io.github.tapbitrix24.bitrix.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --test}: one {@code scope} call [D:api-reference/common/system/scope.md] to prove the
 * webhook works, then the portal (secret masked) and the webhook's scopes. A failure propagates
 * as a {@link io.github.tapbitrix24.bitrix.BitrixException}, which the command turns into exit 1.
 */
final class TestMode implements Mode {
    private static final Logger LOG = Logger.getLogger(TestMode.class.getName());
    /** Scopes the streams need [bitrix24-api.md §4.4]; a missing one only skips its streams. */
    private static final List<String> USEFUL = List.of("crm", "user", "department", "telephony", "imopenlines");

    private final RunContext context;

    TestMode(RunContext context) {
        this.context = context;
    }

    @Override
    public int run() {
        ClientSettings configured = context.config().clientSettings();
        // A connection test should answer in seconds, not after the full retry budget of a sync.
        ClientSettings quick = configured.withRetries(Math.min(2, configured.maxAttempts()),
                configured.initialBackoff(), configured.maxBackoff(), Duration.ofSeconds(30));
        BitrixClient client = context.client(quick);
        Envelope scope = client.call("scope", JsonMapper.shared().createObjectNode());
        List<String> scopes = new ArrayList<>();
        for (JsonNode s : scope.result()) {
            scopes.add(s.asString());
        }
        context.out().println("webhook: " + client.webhook().masked());
        context.out().println("portal: " + client.webhook().host());
        context.out().println("scopes: " + (scopes.isEmpty() ? "(none)" : String.join(", ", scopes)));
        context.out().flush();
        List<String> missing = new ArrayList<>();
        for (String s : USEFUL) {
            if (!scopes.contains(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            LOG.warning(() -> "the webhook lacks the scope(s) " + String.join(", ", missing)
                    + ": streams that need them will be skipped");
        }
        return 0;
    }
}
