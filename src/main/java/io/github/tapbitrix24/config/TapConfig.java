package io.github.tapbitrix24.config;

import io.github.tapbitrix24.bitrix.WebhookUrl;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Validated settings. Built by the config loader (files/ENV → JSON → schema validation → this);
 * defaults live in {@code schemas/config.schema.json}. {@code toString()} is safe to print
 * because {@link WebhookUrl#toString()} masks the token.
 *
 * @param startDate               where incremental streams start when there is no bookmark
 * @param operatingTimeThreshold  seconds of {@code time.operating} above which calls to that method pause
 * @param dealCategoryIds         deal funnels to extract; empty = all
 * @param maxRequestsPerSecond    client-side leaky bucket drain rate
 * @param requestBurst            client-side leaky bucket size
 * @param requestTimeoutSeconds   per-HTTP-request timeout
 */
public record TapConfig(
        WebhookUrl webhookUrl,
        Optional<OffsetDateTime> startDate,
        boolean extractDealContacts,
        boolean enableDealCommentsStream,
        boolean enableDealProductsStream,
        double operatingTimeThreshold,
        List<Integer> dealCategoryIds,
        double maxRequestsPerSecond,
        int requestBurst,
        int requestTimeoutSeconds) {

    public TapConfig {
        startDate = startDate == null ? Optional.empty() : startDate;
        dealCategoryIds = dealCategoryIds == null ? List.of() : List.copyOf(dealCategoryIds);
    }

    /** Every default as in the config schema; for tests and the demo. */
    public static TapConfig defaults(WebhookUrl webhookUrl) {
        return new TapConfig(webhookUrl, Optional.empty(), false, false, false, 200, List.of(), 2, 50, 60);
    }
}
