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
import tools.jackson.databind.ObjectMapper;

/**
 * One HTTP exchange with the webhook: POST a JSON body to {@code <webhook>/<method>}, follow a
 * portal rename by hand, and read the answer up to a cap: whole, as a JSON tree, or as it arrives
 * through a {@link BodyReader} ({@link BatchAnswerReader}). It never retries and never interprets
 * the envelope; it only turns the wire into (status, JSON) or a typed transport/malformed failure.
 */
final class WebhookTransport {
    private static final Logger LOG = Logger.getLogger(BitrixClient.class.getName());
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_REDIRECTS = 5;

    /** What came back: the HTTP status, the parsed body, and Retry-After when the server sent one. */
    record Answer(int status, JsonNode body, Duration retryAfter) {
    }

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final ErrorClassifier errors;
    private final Clock clock;
    private final String userAgent;
    private final long maxResponseBytes;
    private final AtomicLong httpRequests = new AtomicLong();
    private volatile WebhookUrl webhook;
    /** Whether any answer came back yet: a DNS failure before the first one is a typo, not an outage. */
    private volatile boolean answered;
    private volatile Consumer<HttpExchange> exchanges = e -> { };

    WebhookTransport(WebhookUrl webhook, ClientSettings settings, ObjectMapper mapper, ErrorClassifier errors,
                     Clock clock) {
        this.webhook = webhook;
        this.mapper = mapper;
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

    Answer post(String method, byte[] body) {
        return post(method, body, (status, retryAfter, in) -> whole(method, status, retryAfter, in));
    }

    /** One exchange whose body {@code reader} reads (inside the exchange: its time counts). */
    <T> T post(String method, byte[] body, BodyReader<T> reader) {
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
                return read(method, status, call, response, reader);
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

    /**
     * Reads an answer's body, counted against the cap (decompressed bytes: OkHttp inflates gzip
     * itself, so a gzip bomb or an endless chunked stream stops at the cap instead of filling the heap).
     */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(int status, Duration retryAfter, CappedInputStream body) throws IOException;
    }

    /**
     * Reads the body whole before it is parsed, so an over-cap one never becomes a tree (CappedBody).
     * Not an object: malformed.
     */
    Answer whole(String method, int status, Duration retryAfter, CappedInputStream body) throws IOException {
        try (InputStream in = CappedBody.read(body)) {
            return new Answer(status, object(method, status, mapper.readTree(in)), retryAfter);
        }
    }

    JsonNode object(String method, int status, JsonNode node) {
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw errors.malformed(method, status, node == null || node.isMissingNode()
                    ? "empty body" : "JSON that is not an object", null);
        }
        return node;
    }

    private <T> T read(String method, int status, Call call, Response response, BodyReader<T> reader) {
        ResponseBody responseBody = response.body();
        if (responseBody.contentLength() > maxResponseBytes) {
            throw tooLarge(method, status);
        }
        CappedInputStream body = new CappedInputStream(responseBody.byteStream(), maxResponseBytes);
        try {
            return reader.read(status, retryAfter(response.header("Retry-After")), body);
        } catch (CappedInputStream.TooLarge e) {
            // Cancelled, the connection is dropped: closing the response would otherwise go on
            // reading (and allocating) the rest of an endless body to keep the connection.
            call.cancel();
            throw tooLarge(method, status, e, body);
        } catch (JacksonException e) {
            call.cancel();
            if (e.getCause() instanceof CappedInputStream.TooLarge tooLarge) {
                // read by the parser as the body arrived: Jackson wraps the stream's exception
                throw tooLarge(method, status, tooLarge, body);
            }
            MediaType type = responseBody.contentType();
            String what = type != null && "html".equals(type.subtype())
                    ? "an HTML page instead of JSON" : "JSON that does not parse (truncated or not JSON)";
            throw errors.malformed(method, status, what, e);
        } catch (IOException e) {
            call.cancel();
            throw errors.transport(method, e);
        } catch (RuntimeException e) {
            call.cancel(); // the reader's own failure (its consumer's): the rest of the body is not wanted
            throw e;
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
    Duration retryAfter(String value) {
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
