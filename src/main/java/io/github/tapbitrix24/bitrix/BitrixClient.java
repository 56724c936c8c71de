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
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
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
    private final BatchAnswerReader answers;
    private final AtomicLong subCommands = new AtomicLong();

    public BitrixClient(WebhookUrl webhook, ClientSettings settings, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        this.errors = new ErrorClassifier(webhook);
        this.transport = new WebhookTransport(webhook, settings, errors, clock);
        this.requestBudget = new RequestBudget(settings.maxRequestsPerSecond(), settings.requestBurst(), clock, sleeper);
        this.operatingBudget = new OperatingBudget(settings.operatingTimeThreshold(),
                settings.operatingFallbackPause(), clock, sleeper);
        this.retrier = new Retrier(settings, clock, sleeper, operatingBudget);
        // A page of 50 of the widest deals is ~90 KB; a quarter of the cap leaves any real page room and
        // keeps the tree of one page no larger than the tree of the largest real answer read whole.
        this.answers = new BatchAnswerReader(MAPPER, settings.maxResponseBytes() / 4);
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
        distinctKeys(commands);
        List<SubResult> all = new ArrayList<>(commands.size());
        for (int from = 0; from < commands.size(); from += MAX_BATCH) {
            all.addAll(batchOnce(commands.subList(from, Math.min(commands.size(), from + MAX_BATCH))));
        }
        return new BatchResult(List.copyOf(all));
    }

    private List<SubResult> batchOnce(List<BatchCommand> chunk) {
        Set<String> methods = methods(chunk);
        byte[] bytes = encode(chunk);
        return retrier.run("batch", methods, () -> {
            subCommands.addAndGet(chunk.size());
            return observed(chunk, send("batch", bytes, methods));
        });
    }

    /**
     * One HTTP request whose results reach {@code consumer} one by one as the answer is parsed
     * ({@link BatchAnswerReader}), after the exchange itself is over: the body is read whole first (up
     * to the cap, raw bytes, a few MB), so what the consumer does (write records to a slow target, send
     * a child stream's requests) never holds an HTTP call open against its timeout or opens a second
     * connection. A failure before any result was handed out is retried like any request. Once one
     * was, sending the request again would hand it out twice: the failure (a body that breaks off
     * part-way, a page over the part limit) then becomes the error of every sub-call not handed out,
     * and the caller resumes from what it got (a keyset pager from the last ID it wrote).
     */
    @Override
    public BatchResult batch(List<BatchCommand> commands, SubResultConsumer consumer) {
        Objects.requireNonNull(consumer, "consumer");
        if (commands.isEmpty() || commands.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a streamed batch is one request of 1 to " + MAX_BATCH
                    + " commands, was " + commands.size());
        }
        Set<String> keys = distinctKeys(commands);
        Set<String> methods = methods(commands);
        byte[] bytes = encode(commands);
        Set<String> handedOut = new HashSet<>();
        SubResultConsumer counting = (key, result) -> {
            handedOut.add(key);
            consumer.accept(key, result);
        };
        return retrier.run("batch", methods, () -> {
            subCommands.addAndGet(commands.size());
            try {
                return new BatchResult(observed(commands, send("batch", bytes, methods, raw -> raw.status() / 100 == 2
                        ? transport.parse("batch", raw, in -> answers.read(in, keys, counting))
                        : transport.parse("batch", raw, MAPPER::readTree))));
            } catch (BitrixException e) {
                if (handedOut.isEmpty()) {
                    throw e;
                }
                return new BatchResult(brokenAfter(commands, handedOut, e));
            }
        });
    }

    /** Every sub-call not in {@code handedOut} failed with {@code e}; the others are ok (their results were given). */
    private static List<SubResult> brokenAfter(List<BatchCommand> commands, Set<String> handedOut, BitrixException e) {
        List<SubResult> out = new ArrayList<>(commands.size());
        for (BatchCommand c : commands) {
            out.add(handedOut.contains(c.key())
                    ? new SubResult(c.key(), c.method(), HANDED_OUT, null, null, null, null)
                    : new SubResult(c.key(), c.method(), null, null, null, null, e));
        }
        return out;
    }

    /** Stands for a result that went to the consumer of an answer that broke later (its next/time are lost). */
    private static final JsonNode HANDED_OUT = MissingNode.getInstance();

    private static Set<String> distinctKeys(List<BatchCommand> commands) {
        Set<String> keys = new HashSet<>();
        for (BatchCommand c : commands) {
            if (!keys.add(c.key())) {
                throw new IllegalArgumentException("duplicate batch command key " + c.key());
            }
        }
        return keys;
    }

    private static Set<String> methods(List<BatchCommand> chunk) {
        Set<String> methods = new LinkedHashSet<>();
        for (BatchCommand c : chunk) {
            methods.add(c.method());
        }
        return methods;
    }

    private static byte[] encode(List<BatchCommand> chunk) {
        ObjectNode body = MAPPER.createObjectNode();
        // halt=0: one failing sub-call must not cost the others [D:settings/how-to-call-rest-api/batch.md].
        body.put("halt", 0);
        ObjectNode cmd = body.putObject("cmd");
        for (BatchCommand c : chunk) {
            String query = PhpQuery.encode(c.params());
            cmd.put(c.key(), query.isEmpty() ? c.method() : c.method() + "?" + query);
        }
        return MAPPER.writeValueAsBytes(body);
    }

    /**
     * The sub-results of a batch answer. The batch call itself does not count toward operating time;
     * each sub-call counts toward its own method [D:limits.md], so the budget is fed from result_time[key].
     */
    private List<SubResult> observed(List<BatchCommand> chunk, JsonNode answer) {
        List<SubResult> results = Envelopes.subResults(answer.get("result"), chunk, errors);
        for (SubResult r : results) {
            operatingBudget.observe(r.method(), r.time());
            if (r.error() != null && r.error().kind() == BitrixErrorKind.OPERATING_TIME_LIMIT) {
                operatingBudget.blocked(r.method(), null);
            }
        }
        return results;
    }

    /** One paced HTTP exchange; an error envelope or unusable body becomes a typed exception. */
    private JsonNode send(String method, byte[] body, Set<String> methods) throws InterruptedException {
        return send(method, body, methods, raw -> transport.parse(method, raw, MAPPER::readTree));
    }

    /** As above, the answer read by {@code parser} once the exchange is over. */
    private JsonNode send(String method, byte[] body, Set<String> methods,
                          Function<WebhookTransport.Raw, JsonNode> parser) throws InterruptedException {
        operatingBudget.awaitAllowed(methods);
        requestBudget.acquire();
        WebhookTransport.Raw answer = transport.exchange(method, body);
        JsonNode json = transport.object(method, answer.status(), parser.apply(answer));
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
