package io.github.tapbitrix24.bitrix;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bitrix24 REST client over an inbound webhook [bitrix24-api.md §1, §3, §4]: POSTs JSON,
 * parses the envelope, types errors, paces requests with a leaky bucket, pauses methods that
 * are over their operating-time budget, retries transient failures and follows a renamed portal.
 * Meant for one thread at a time; its counters are safe to read from any thread.
 */
public final class BitrixClient implements BitrixApi {
    /** At most 50 sub-calls per batch; the excess would fail with ERROR_BATCH_LENGTH_EXCEEDED [D:.../batch.md]. */
    public static final int MAX_BATCH = 50;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final WebhookTransport transport;
    private final ErrorClassifier errors;
    private final RequestBudget requestBudget;
    private final OperatingBudget operatingBudget;
    private final Retrier retrier;
    private final AtomicLong subCommands = new AtomicLong();

    public BitrixClient(WebhookUrl webhook, ClientSettings settings, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        this.errors = new ErrorClassifier(webhook);
        this.transport = new WebhookTransport(webhook, settings, MAPPER, errors, clock);
        this.requestBudget = new RequestBudget(settings.maxRequestsPerSecond(), settings.requestBurst(), clock, sleeper);
        this.operatingBudget = new OperatingBudget(settings.operatingTimeThreshold(),
                settings.operatingFallbackPause(), clock, sleeper);
        this.retrier = new Retrier(settings, clock, sleeper, operatingBudget);
    }

    /** The client with the real clock and real sleeping. */
    public static BitrixClient create(WebhookUrl webhook, ClientSettings settings) {
        return new BitrixClient(webhook, settings, Clock.systemUTC(), Sleeper.REAL);
    }

    /** The webhook currently in use: differs from the configured one after a portal rename. */
    public WebhookUrl webhook() {
        return transport.webhook();
    }

    @Override
    public Envelope call(String method, ObjectNode params) {
        Objects.requireNonNull(method, "method");
        byte[] body = MAPPER.writeValueAsBytes(params == null ? MAPPER.createObjectNode() : params);
        return retrier.run(method, Set.of(method), () -> {
            JsonNode answer = send(method, body, Set.of(method));
            Envelope envelope = Envelopes.envelope(method, answer);
            operatingBudget.observe(method, envelope.time());
            return envelope;
        });
    }

    @Override
    public BatchResult batch(List<BatchCommand> commands) {
        Objects.requireNonNull(commands, "commands");
        Set<String> keys = new HashSet<>();
        for (BatchCommand c : commands) {
            if (!keys.add(c.key())) {
                throw new IllegalArgumentException("duplicate batch command key " + c.key());
            }
        }
        List<SubResult> all = new ArrayList<>(commands.size());
        for (int from = 0; from < commands.size(); from += MAX_BATCH) {
            all.addAll(batchOnce(commands.subList(from, Math.min(commands.size(), from + MAX_BATCH))));
        }
        return new BatchResult(List.copyOf(all));
    }

    private List<SubResult> batchOnce(List<BatchCommand> chunk) {
        ObjectNode body = MAPPER.createObjectNode();
        // halt=0: one failing sub-call must not cost the others [D:settings/how-to-call-rest-api/batch.md].
        body.put("halt", 0);
        ObjectNode cmd = body.putObject("cmd");
        Set<String> methods = new LinkedHashSet<>();
        for (BatchCommand c : chunk) {
            String query = PhpQuery.encode(c.params());
            cmd.put(c.key(), query.isEmpty() ? c.method() : c.method() + "?" + query);
            methods.add(c.method());
        }
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        return retrier.run("batch", methods, () -> {
            subCommands.addAndGet(chunk.size());
            JsonNode answer = send("batch", bytes, methods);
            // The batch call itself does not count toward operating time; each sub-call counts
            // toward its own method [D:limits.md], so feed the budget from result_time[key].
            List<SubResult> results = Envelopes.subResults(answer.get("result"), chunk, errors);
            for (SubResult r : results) {
                operatingBudget.observe(r.method(), r.time());
                if (r.error() != null && r.error().kind() == BitrixErrorKind.OPERATING_TIME_LIMIT) {
                    operatingBudget.blocked(r.method(), null);
                }
            }
            return results;
        });
    }

    /** One paced HTTP exchange; an error envelope or unusable body becomes a typed exception. */
    private JsonNode send(String method, byte[] body, Set<String> methods) throws InterruptedException {
        operatingBudget.awaitAllowed(methods);
        requestBudget.acquire();
        WebhookTransport.Answer answer = transport.post(method, body);
        JsonNode json = answer.body();
        if (Envelopes.isError(json)) {
            throw rateLimitFillsBucket(errors.classify(method, answer.status(), Envelopes.errorCode(json),
                    Envelopes.errorDescription(json), answer.retryAfter()));
        }
        if (answer.status() >= 300) {
            throw rateLimitFillsBucket(errors.classify(method, answer.status(), "", "", answer.retryAfter()));
        }
        if (!json.has("result")) {
            throw errors.malformed(method, answer.status(), "JSON without result or error", null);
        }
        return json;
    }

    private BitrixException rateLimitFillsBucket(BitrixException e) {
        if (e.kind() == BitrixErrorKind.RATE_LIMIT) {
            requestBudget.serverFull();
        }
        return e;
    }

    /** Tells {@code listener} about every HTTP exchange once it ended (timing metrics); replaces the previous one. */
    public void onExchange(Consumer<HttpExchange> listener) {
        transport.onExchange(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public int affordableCalls(String method, int wanted) {
        return operatingBudget.affordable(method, wanted);
    }

    @Override
    public Optional<Instant> pausedUntil(String method) {
        return operatingBudget.pausedUntil(method);
    }

    @Override
    public RequestStats stats() {
        return new RequestStats(transport.httpRequests(), subCommands.get(), retrier.retries());
    }
}
