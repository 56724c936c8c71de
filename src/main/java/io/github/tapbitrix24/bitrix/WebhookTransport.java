package io.github.tapbitrix24.bitrix;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP exchange with the webhook: POST a JSON body to {@code <webhook>/<method>}, follow a
 * portal rename by hand, and read the answer's body whole, up to a cap; then parse it (as one tree,
 * or a batch answer page by page with {@link BatchAnswerReader}). It never retries and never
 * interprets the envelope; it only turns the wire into (status, JSON) or a typed transport/malformed
 * failure.
 */
final class WebhookTransport {
    private static final Logger LOG = Logger.getLogger(BitrixClient.class.getName());
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_REDIRECTS = 5;

    private final OkHttpClient http;
    private final ErrorClassifier errors;
    private final Clock clock;
    private final String userAgent;
    private final long maxResponseBytes;
    private final AtomicLong httpRequests = new AtomicLong();
    private volatile WebhookUrl webhook;
    /** Whether any answer came back yet: a DNS failure before the first one is a typo, not an outage. */
    private volatile boolean answered;
    private volatile Consumer<HttpExchange> exchanges = e -> { };

    WebhookTransport(WebhookUrl webhook, ClientSettings settings, ErrorClassifier errors,
                     Clock clock) {
        this.webhook = webhook;
        this.errors = errors;
        this.clock = clock;
        this.userAgent = settings.userAgent();
        this.maxResponseBytes = settings.maxResponseBytes();
        Duration timeout = settings.requestTimeout();
        this.http = new OkHttpClient.Builder()
                // A renamed portal answers 302; OkHttp would follow it as a GET and drop the body
                // [D:settings/how-to-call-rest-api/change-domen.md], so we re-POST ourselves.
                .followRedirects(false)
                .followSslRedirects(false)
                // Every retry goes through the client's policy, so it is counted, paced and logged.
                .retryOnConnectionFailure(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .build();
    }

    WebhookUrl webhook() {
        return webhook;
    }

    void onExchange(Consumer<HttpExchange> listener) {
        this.exchanges = listener;
    }

    long httpRequests() {
        return httpRequests.get();
    }

    /**
     * One exchange: the answer's body read whole, up to the cap, before anything parses it. So an over-cap
     * body never becomes a tree, and nothing a caller does with the answer (writing records to a slow
     * target, a child stream's own requests) happens while the HTTP call is still open.
     */
    Raw exchange(String method, byte[] body) {
        HttpUrl url = parse(method, webhook.methodUrl(method));
        for (int hop = 0; ; hop++) {
            Request request = new Request.Builder().url(url)
                    .header("Accept", "application/json")
                    .header("User-Agent", userAgent)
                    .post(RequestBody.create(body, JSON))
                    .build();
            httpRequests.incrementAndGet();
            long started = clock.millis();
            int status = 0;
            Call call = http.newCall(request);
            try (Response response = call.execute()) {
                answered = true;
                status = response.code();
                if (isRedirect(status)) {
                    if (hop >= MAX_REDIRECTS) {
                        throw errors.malformed(method, status, "too many redirects", null);
                    }
                    url = follow(method, url, response.header("Location"), status);
                    continue;
                }
                return read(method, status, call, response);
            } catch (java.net.UnknownHostException e) {
                if (!answered) {
                    // Not retried: a name that never resolved is almost always a typo in the config.
                    throw new BitrixException(BitrixErrorKind.API, method, "", 0, "the portal host " + url.host()
                            + " does not resolve (DNS lookup failed on the first request); check webhook_url for a typo",
                            null, null);
                }
                throw errors.transport(method, e);
            } catch (IOException e) {
                throw errors.transport(method, e);
            } finally {
                // the body is read inside the try: its time counts, as it does for the server's limits
                exchanges.accept(new HttpExchange(method, status, Duration.ofMillis(clock.millis() - started)));
            }
        }
    }

    /** An answer as read: status, the body in memory, Retry-After when sent, the content type. */
    record Raw(int status, InputStream body, Duration retryAfter, MediaType type) {
    }

    /** Parses a body read whole; Jackson's and the part limit's failures become typed ones. */
    @FunctionalInterface
    interface BodyParser<T> {
        T parse(CappedInputStream body) throws IOException;
    }

    /**
     * {@code parser}'s reading of {@code raw}, over a stream that enforces the part limits the parser
     * sets ({@link CappedInputStream#limitPart}); malformed JSON and a part over its limit are malformed
     * answers. Failures of the parser's own consumer pass through unchanged.
     */
    <T> T parse(String method, Raw raw, BodyParser<T> parser) {
        CappedInputStream body = new CappedInputStream(raw.body(), Long.MAX_VALUE);
        try {
            return parser.parse(body);
        } catch (CappedInputStream.TooLarge e) {
            throw tooLarge(method, raw.status(), e, body);
        } catch (JacksonException e) {
            if (e.getCause() instanceof CappedInputStream.TooLarge tooLarge) {
                throw tooLarge(method, raw.status(), tooLarge, body); // Jackson wraps the stream's exception
            }
            String what = raw.type() != null && "html".equals(raw.type().subtype())
                    ? "an HTML page instead of JSON" : "JSON that does not parse (truncated or not JSON)";
            throw errors.malformed(method, raw.status(), what, e);
        } catch (IOException e) {
            throw errors.transport(method, e);
        }
    }

    JsonNode object(String method, int status, JsonNode node) {
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw errors.malformed(method, status, node == null || node.isMissingNode()
                    ? "empty body" : "JSON that is not an object", null);
        }
        return node;
    }

    /**
     * The body, counted against the cap (decompressed bytes: OkHttp inflates gzip itself, so a gzip
     * bomb or an endless chunked stream stops at the cap instead of filling the heap).
     */
    private Raw read(String method, int status, Call call, Response response) {
        ResponseBody responseBody = response.body();
        if (responseBody.contentLength() > maxResponseBytes) {
            throw tooLarge(method, status);
        }
        try {
            InputStream body = CappedBody.read(new CappedInputStream(responseBody.byteStream(), maxResponseBytes));
            return new Raw(status, body, retryAfter(response.header("Retry-After")), responseBody.contentType());
        } catch (CappedInputStream.TooLarge e) {
            // Cancelled, the connection is dropped: closing the response would otherwise go on
            // reading (and allocating) the rest of an endless body to keep the connection.
            call.cancel();
            throw tooLarge(method, status);
        } catch (IOException e) {
            throw errors.transport(method, e);
        }
    }

    private BitrixException tooLarge(String method, int status, CappedInputStream.TooLarge e, CappedInputStream body) {
        return e.part() ? errors.malformed(method, status, "a part of the answer larger than "
                + (body.partCap() >> 10) + " KB (a quarter of max_response_mb), not read further", null)
                : tooLarge(method, status);
    }

    private BitrixException tooLarge(String method, int status) {
        return errors.malformed(method, status, "an answer larger than " + (maxResponseBytes >> 20)
                + " MB (max_response_mb), not read further", null);
    }

    /**
     * Re-POST target for a renamed portal: same path under the new host; https only, or a loopback
     * host (tests and the simulator); and only a host {@link RedirectPolicy} allows. The user is told
     * the new address (masked) to fix the config.
     */
    private HttpUrl follow(String method, HttpUrl from, String location, int status) {
        HttpUrl target = location == null ? null : from.resolve(location);
        if (target == null) {
            throw errors.malformed(method, status, "a redirect without a usable Location", null);
        }
        boolean loopback = WebhookUrl.isLoopback(target.host());
        if (!target.scheme().equals("https") && !loopback) {
            throw errors.malformed(method, status, "a redirect to a non-https address, refused so the webhook"
                    + " secret is not sent in clear text (host " + target.host() + ")", null);
        }
        String fromHost = HttpUrl.get(webhook.baseUrl()).host();
        if (!RedirectPolicy.allows(fromHost, target.host())) {
            // Not retried (API kind): the next attempt would be redirected the same way.
            throw new BitrixException(BitrixErrorKind.API, method, "", status, webhook.redact("the portal redirected " + method
                    + " (HTTP " + status + ") to host " + target.host() + ", which is neither " + fromHost
                    + " nor a host of its Bitrix24 cloud domain; refused without sending the webhook secret. If the"
                    + " portal really moved there, check and update webhook_url"), null, null);
        }
        String hostAndPort = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        if (target.port() != HttpUrl.defaultPort(target.scheme())) {
            hostAndPort += ":" + target.port();
        }
        WebhookUrl moved = webhook.withHost(target.scheme(), hostAndPort);
        if (!moved.equals(webhook)) {
            LOG.warning(() -> "the portal moved (HTTP " + status + "): now using " + moved.masked()
                    + "; update webhook_url in your config");
            webhook = moved;
        }
        return parse(method, moved.methodUrl(method));
    }

    /**
     * OkHttp's parser is stricter than {@link java.net.URI} in places (ports, some hosts) and its
     * message may quote the URL: neither the message nor the exception is passed on.
     */
    private HttpUrl parse(String method, String url) {
        try {
            return HttpUrl.get(url);
        } catch (IllegalArgumentException e) {
            throw new BitrixException(BitrixErrorKind.API, method, "", 0, "the webhook URL for host " + webhook.host()
                    + " is not a URL the HTTP client accepts; check webhook_url", null, null);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
    private Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long s = Long.parseLong(v);
            return s > 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(clock.instant(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() || d.isZero() ? null : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
