package io.github.tapbitrix24.config;

import io.github.tapbitrix24.bitrix.ClientSettings;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Validated settings. Built by {@link ConfigLoader} (files/ENV → JSON → schema validation → this);
 * defaults live in {@code schemas/config.schema.json}. {@code toString()} is safe to print
 * because {@link WebhookUrl#toString()} masks the token.
 *
 * @param startDate                where incremental streams start when there is no bookmark
 * @param operatingTimeThreshold   seconds of {@code time.operating} above which calls to that method pause
 * @param dealCategoryIds          deal funnels to extract; empty = all
 * @param maxRequestsPerSecond     client-side leaky bucket drain rate
 * @param requestBurst             client-side leaky bucket size
 * @param requestTimeoutSeconds    per-HTTP-request timeout
 * @param retryMaxAttempts         attempts per request (first try included) for retryable failures
 * @param retryInitialDelaySeconds first backoff delay; doubles on each retry
 * @param retryMaxDelaySeconds     cap of one backoff delay
 * @param retryMaxTotalSeconds     give up retrying a request once this much time has passed since its first try
 * @param dealCommentsFullRefreshHours deal_comments re-reads the comments of every deal when a multiple of this
 *                                 many hours has passed since its window start (a new comment does not move the
 *                                 deal's DATE_MODIFY); 0 = never, comments follow changed deals only
 * @param emitActivateVersion      FULL_TABLE streams carry a table version and end with ACTIVATE_VERSION, so a
 *                                 target can drop the rows a complete read no longer returned (deleted records)
 * @param maxResponseMegabytes     the largest answer (after decompression) read from Bitrix24
 * @param deletions                deletion detection: ID sweeps of the incremental entity streams (extract/deletions)
 * @param productRowStreams        the product-row streams of leads, quotes, smart invoices and smart processes
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
        int requestTimeoutSeconds,
        int retryMaxAttempts,
        double retryInitialDelaySeconds,
        double retryMaxDelaySeconds,
        int retryMaxTotalSeconds,
        int dealCommentsFullRefreshHours,
        boolean emitActivateVersion,
        int maxResponseMegabytes,
        DeletionSettings deletions,
        ProductRowStreams productRowStreams) {

    /** Defaults of the retry knobs, as in the config schema. */
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 8;
    public static final double DEFAULT_RETRY_INITIAL_DELAY_SECONDS = 1;
    public static final double DEFAULT_RETRY_MAX_DELAY_SECONDS = 60;
    public static final int DEFAULT_RETRY_MAX_TOTAL_SECONDS = 900;
    /** Default of {@code deal_comments_full_refresh_hours}, as in the config schema. */
    public static final int DEFAULT_DEAL_COMMENTS_FULL_REFRESH_HOURS = 24;
    /** Default of {@code max_response_mb}, as in the config schema. */
    public static final int DEFAULT_MAX_RESPONSE_MB = 16;

    public TapConfig {
        startDate = startDate == null ? Optional.empty() : startDate;
        deletions = deletions == null ? DeletionSettings.off() : deletions;
        dealCategoryIds = dealCategoryIds == null ? List.of() : List.copyOf(dealCategoryIds);
        productRowStreams = productRowStreams == null ? ProductRowStreams.NONE : productRowStreams;
        if (dealCommentsFullRefreshHours < 0) {
            throw new IllegalArgumentException("dealCommentsFullRefreshHours must be 0 or more, was "
                    + dealCommentsFullRefreshHours);
        }
    }

    /** Every setting but {@code max_response_mb}, which takes its default, and the deletion settings (off). */
    public TapConfig(WebhookUrl webhookUrl, Optional<OffsetDateTime> startDate, boolean extractDealContacts,
                     boolean enableDealCommentsStream, boolean enableDealProductsStream,
                     double operatingTimeThreshold, List<Integer> dealCategoryIds,
                     double maxRequestsPerSecond, int requestBurst, int requestTimeoutSeconds,
                     int retryMaxAttempts, double retryInitialDelaySeconds, double retryMaxDelaySeconds,
                     int retryMaxTotalSeconds, int dealCommentsFullRefreshHours, boolean emitActivateVersion) {
        this(webhookUrl, startDate, extractDealContacts, enableDealCommentsStream, enableDealProductsStream,
                operatingTimeThreshold, dealCategoryIds, maxRequestsPerSecond, requestBurst, requestTimeoutSeconds,
                retryMaxAttempts, retryInitialDelaySeconds, retryMaxDelaySeconds, retryMaxTotalSeconds,
                dealCommentsFullRefreshHours, emitActivateVersion, DEFAULT_MAX_RESPONSE_MB, DeletionSettings.off(),
                ProductRowStreams.NONE);
    }

    /** The same settings with the deletion settings as given. */
    public TapConfig withDeletions(DeletionSettings d) {
        return new TapConfig(webhookUrl, startDate, extractDealContacts, enableDealCommentsStream,
                enableDealProductsStream, operatingTimeThreshold, dealCategoryIds, maxRequestsPerSecond, requestBurst,
                requestTimeoutSeconds, retryMaxAttempts, retryInitialDelaySeconds, retryMaxDelaySeconds,
                retryMaxTotalSeconds, dealCommentsFullRefreshHours, emitActivateVersion, maxResponseMegabytes, d,
                productRowStreams);
    }

    /** The same settings with the product-row streams of other owners as given. */
    public TapConfig withProductRowStreams(ProductRowStreams streams) {
        return new TapConfig(webhookUrl, startDate, extractDealContacts, enableDealCommentsStream,
                enableDealProductsStream, operatingTimeThreshold, dealCategoryIds, maxRequestsPerSecond, requestBurst,
                requestTimeoutSeconds, retryMaxAttempts, retryInitialDelaySeconds, retryMaxDelaySeconds,
                retryMaxTotalSeconds, dealCommentsFullRefreshHours, emitActivateVersion, maxResponseMegabytes, deletions,
                streams);
    }

    /** Every setting but {@code emit_activate_version}, which is off. */
    public TapConfig(WebhookUrl webhookUrl, Optional<OffsetDateTime> startDate, boolean extractDealContacts,
                     boolean enableDealCommentsStream, boolean enableDealProductsStream,
                     double operatingTimeThreshold, List<Integer> dealCategoryIds,
                     double maxRequestsPerSecond, int requestBurst, int requestTimeoutSeconds,
                     int retryMaxAttempts, double retryInitialDelaySeconds, double retryMaxDelaySeconds,
                     int retryMaxTotalSeconds, int dealCommentsFullRefreshHours) {
        this(webhookUrl, startDate, extractDealContacts, enableDealCommentsStream, enableDealProductsStream,
                operatingTimeThreshold, dealCategoryIds, maxRequestsPerSecond, requestBurst, requestTimeoutSeconds,
                retryMaxAttempts, retryInitialDelaySeconds, retryMaxDelaySeconds, retryMaxTotalSeconds,
                dealCommentsFullRefreshHours, false);
    }

    /** The same settings with {@code emit_activate_version} as given. */
    public TapConfig withEmitActivateVersion(boolean on) {
        return new TapConfig(webhookUrl, startDate, extractDealContacts, enableDealCommentsStream,
                enableDealProductsStream, operatingTimeThreshold, dealCategoryIds, maxRequestsPerSecond, requestBurst,
                requestTimeoutSeconds, retryMaxAttempts, retryInitialDelaySeconds, retryMaxDelaySeconds,
                retryMaxTotalSeconds, dealCommentsFullRefreshHours, on, maxResponseMegabytes, deletions,
                productRowStreams);
    }

    /** Every setting but {@code deal_comments_full_refresh_hours}, which takes its default. */
    public TapConfig(WebhookUrl webhookUrl, Optional<OffsetDateTime> startDate, boolean extractDealContacts,
                     boolean enableDealCommentsStream, boolean enableDealProductsStream,
                     double operatingTimeThreshold, List<Integer> dealCategoryIds,
                     double maxRequestsPerSecond, int requestBurst, int requestTimeoutSeconds,
                     int retryMaxAttempts, double retryInitialDelaySeconds, double retryMaxDelaySeconds,
                     int retryMaxTotalSeconds) {
        this(webhookUrl, startDate, extractDealContacts, enableDealCommentsStream, enableDealProductsStream,
                operatingTimeThreshold, dealCategoryIds, maxRequestsPerSecond, requestBurst, requestTimeoutSeconds,
                retryMaxAttempts, retryInitialDelaySeconds, retryMaxDelaySeconds, retryMaxTotalSeconds,
                DEFAULT_DEAL_COMMENTS_FULL_REFRESH_HOURS);
    }

    /** The original ten settings; retry knobs take their defaults. */
    public TapConfig(WebhookUrl webhookUrl, Optional<OffsetDateTime> startDate, boolean extractDealContacts,
                     boolean enableDealCommentsStream, boolean enableDealProductsStream,
                     double operatingTimeThreshold, List<Integer> dealCategoryIds,
                     double maxRequestsPerSecond, int requestBurst, int requestTimeoutSeconds) {
        this(webhookUrl, startDate, extractDealContacts, enableDealCommentsStream, enableDealProductsStream,
                operatingTimeThreshold, dealCategoryIds, maxRequestsPerSecond, requestBurst, requestTimeoutSeconds,
                DEFAULT_RETRY_MAX_ATTEMPTS, DEFAULT_RETRY_INITIAL_DELAY_SECONDS, DEFAULT_RETRY_MAX_DELAY_SECONDS,
                DEFAULT_RETRY_MAX_TOTAL_SECONDS, DEFAULT_DEAL_COMMENTS_FULL_REFRESH_HOURS);
    }

    /** Every default as in the config schema; for tests and the demo. */
    public static TapConfig defaults(WebhookUrl webhookUrl) {
        return new TapConfig(webhookUrl, Optional.empty(), false, false, false, 200, List.of(), 2, 50, 60);
    }

    /** The API client's settings: throttle, timeout, retries and operating-time threshold from this config. */
    public ClientSettings clientSettings() {
        ClientSettings d = ClientSettings.defaults();
        return new ClientSettings(maxRequestsPerSecond, requestBurst, Duration.ofSeconds(requestTimeoutSeconds),
                operatingTimeThreshold, retryMaxAttempts, ClientSettings.seconds(retryInitialDelaySeconds),
                ClientSettings.seconds(retryMaxDelaySeconds), Duration.ofSeconds(retryMaxTotalSeconds),
                d.maxOperatingLimitWaits(), d.operatingFallbackPause(), BuildInfo.userAgent(),
                maxResponseMegabytes * (1L << 20));
    }
}
