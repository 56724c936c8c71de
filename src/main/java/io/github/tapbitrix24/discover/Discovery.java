package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.bitrix.BatchCommand;
import io.github.tapbitrix24.bitrix.BatchResult;
import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.Envelope;
import io.github.tapbitrix24.bitrix.SubResult;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.schema.FieldDescriptor;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.streams.CrmStreams;
import io.github.tapbitrix24.streams.ListApi;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the catalog live from the portal, in two {@code batch} requests
 * (bitrix24-api.md §8 step 1; the docs advise fetching field metadata once, D:settings/performance/index.md):
 * <ol>
 * <li>{@code scope}, every {@code crm.<entity>.fields}, {@code crm.type.list} and {@code method.get}
 *     probes of the optional modules (telephony, open lines);</li>
 * <li>{@code crm.item.fields} of every SPA type (50 per request).</li>
 * </ol>
 * A portal with a few SPA types therefore costs 2 HTTP requests (3+ only beyond 50 SPA types or
 * 50 of them in {@code crm.type.list}).
 *
 * <p>Streams the webhook cannot read are left out with one log line each saying what would enable
 * them: a missing scope, a module that is not installed, or a method the webhook user may not call
 * ({@code crm.type.list} needs CRM administrator rights). Such failures never fail discovery.
 * Only whole-request failures and retryable sub-call failures (rate or time limit, server error,
 * after the client's retries) do: then the catalog would silently miss streams.
 */
public final class Discovery {
    private static final Logger LOG = Logger.getLogger(Discovery.class.getName());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> PROBED_METHODS = List.of("voximplant.statistic.get", "imopenlines.config.list.get");
    private static final int TYPES_PER_PAGE = 50;
    /** Requests of one discovery batch while its answers have the wrong shape. */
    private static final int MALFORMED_ATTEMPTS = 3;

    private final BitrixApi api;
    private final TapConfig config;
    private final List<Omission> omissions = new ArrayList<>();
    /** SPA types whose {@code isLinkWithProductsEnabled} is Y (D:api-reference/crm/universal/user-defined-object-types/crm-type-list.md). */
    private final Set<Integer> spaWithProducts = new java.util.HashSet<>();

    public Discovery(BitrixApi api, TapConfig config) {
        this.api = api;
        this.config = config;
    }

    /** The catalog of every stream this webhook can read, in registry order (SPA streams after spa_types). */
    public Catalog discover() {
        omissions.clear();
        spaWithProducts.clear();
        List<StreamSpec> statics = StreamRegistry.staticStreams(config);
        BatchResult first = wellFormed(firstBatch(statics));

        Scopes scopes = new Scopes(scopeList(first.get("scope")));
        Map<String, SubResult> probes = new LinkedHashMap<>();
        for (String m : PROBED_METHODS) {
            probes.put(m, first.get(probeKey(m)));
        }
        List<Integer> spaTypeIds = spaTypeIds(first.get(key("crm.type.list")));

        List<CatalogEntry> entries = new ArrayList<>();
        StreamSchemas schemas = new StreamSchemas(config);
        Set<String> present = new java.util.HashSet<>();
        for (StreamSpec spec : statics) {
            if (!scopes.enables(spec.scope())) {
                omit(spec.name(), "the webhook has no '" + spec.scope() + "' scope; add it to the webhook to enable this stream");
                continue;
            }
            String moduleProblem = moduleProblem(probes.get(spec.method()));
            if (moduleProblem != null) {
                omit(spec.name(), spec.method() + " " + moduleProblem);
                continue;
            }
            if (spec.parent() != null && !present.contains(spec.parent())) {
                omit(spec.name(), "its parent stream " + spec.parent() + " is not available");
                continue;
            }
            CatalogEntry entry = entryFor(spec, first, schemas);
            if (entry == null) {
                continue;
            }
            entries.add(entry);
            present.add(spec.name());
            if (spec.api() == ListApi.TYPE_LIST && spaTypeIds != null) {
                entries.addAll(spaEntries(spaTypeIds, schemas));
            }
        }
        return new Catalog(entries);
    }

    /** The streams the last {@link #discover()} left out, with the reason logged for each. */
    public List<Omission> omissions() {
        return List.copyOf(omissions);
    }

    /**
     * The answers to {@code cmds}, asked again (up to {@link #MALFORMED_ATTEMPTS} times in all)
     * while one of them has the wrong shape ({@link AnswerShapes}); then the run fails naming it.
     */
    private BatchResult wellFormed(List<BatchCommand> cmds) {
        for (int attempt = 1; ; attempt++) {
            BatchResult answers = api.batch(cmds);
            SubResult bad = null;
            String problem = null;
            for (SubResult r : answers.results()) {
                problem = AnswerShapes.problem(r);
                if (problem != null) {
                    bad = r;
                    break;
                }
            }
            if (bad == null) {
                return answers;
            }
            String what = "unreadable answer to " + bad.method() + ": " + problem;
            if (attempt >= MALFORMED_ATTEMPTS) {
                throw new BitrixException(BitrixErrorKind.MALFORMED_RESPONSE, bad.method(), "", 0,
                        what + " (asked " + attempt + " times)", null, null);
            }
            LOG.warning(() -> what + "; asking again");
        }
    }

    private List<BatchCommand> firstBatch(List<StreamSpec> statics) {
        List<BatchCommand> cmds = new ArrayList<>();
        cmds.add(new BatchCommand("scope", "scope", F.objectNode()));
        Set<String> keys = new LinkedHashSet<>();
        for (StreamSpec s : statics) {
            FieldsCall call = FieldsCall.of(s);
            if (call != null && keys.add(call.key())) {
                cmds.add(new BatchCommand(call.key(), call.method(), call.params()));
            }
        }
        if (keys.contains(key(UserSchema.FIELDS_METHOD))) {
            cmds.add(new BatchCommand(key(UserSchema.USERFIELD_LIST), UserSchema.USERFIELD_LIST, F.objectNode()));
        }
        ObjectNode typeList = F.objectNode();
        typeList.putObject("order").put("id", "ASC");
        cmds.add(new BatchCommand(key("crm.type.list"), "crm.type.list", typeList));
        for (String m : PROBED_METHODS) {
            cmds.add(new BatchCommand(probeKey(m), "method.get", F.objectNode().put("name", m)));
        }
        return cmds;
    }

    private CatalogEntry entryFor(StreamSpec spec, BatchResult first, StreamSchemas schemas) {
        if (spec.api() == ListApi.TYPE_LIST) {
            SubResult types = first.get(key("crm.type.list"));
            if (!usable(spec.name(), types)) {
                return null;
            }
        }
        FieldsCall call = FieldsCall.of(spec);
        List<FieldDescriptor> fields = null;
        if (call != null && UserSchema.FIELDS_METHOD.equals(call.method())) {
            SubResult r = first.get(call.key());
            if (!usable(spec.name(), r)) {
                return null;
            }
            // user.userfield.list needs the user.userfield scope and an administrator: optional
            SubResult custom = first.get(key(UserSchema.USERFIELD_LIST));
            return schemas.entry(spec, UserSchema.build(r.result(), custom != null && custom.ok() ? custom.result() : null,
                    spec.keyProperties()));
        }
        if (call != null) {
            SubResult r = first.get(call.key());
            if (!usable(spec.name(), r)) {
                return null;
            }
            fields = FieldMetadata.parse(r.result());
        }
        return schemas.entry(spec, fields);
    }

    private List<CatalogEntry> spaEntries(List<Integer> typeIds, StreamSchemas schemas) {
        List<CatalogEntry> out = new ArrayList<>();
        if (typeIds.isEmpty()) {
            return out;
        }
        List<BatchCommand> cmds = new ArrayList<>();
        for (int id : typeIds) {
            cmds.add(new BatchCommand("spa_" + id, "crm.item.fields", F.objectNode().put("entityTypeId", id)));
        }
        BatchResult result = wellFormed(cmds);
        for (int id : typeIds) {
            SubResult r = result.get("spa_" + id);
            List<StreamSpec> specs = StreamRegistry.spaStreams(id);
            if (!usable(specs.get(0).name() + " and " + specs.get(1).name(), r)) {
                continue;
            }
            List<FieldDescriptor> fields = FieldMetadata.parse(r.result());
            for (StreamSpec spec : specs) {
                out.add(schemas.entry(spec, fields));
            }
            if (config.productRowStreams().spa()) {
                StreamSpec products = CrmStreams.spaProducts(id);
                if (spaWithProducts.contains(id)) {
                    out.add(schemas.entry(products, (List<FieldDescriptor>) null));
                } else {
                    omit(products.name(), "the smart process has products turned off (isLinkWithProductsEnabled N)");
                }
            }
        }
        return out;
    }

    /**
     * The SPA types, following {@code crm.type.list}'s {@code next} when there are more than 50;
     * null when the list cannot be read (then spa_types is left out, with its reason, by the caller).
     */
    private List<Integer> spaTypeIds(SubResult first) {
        if (first == null || !first.ok()) {
            return null;
        }
        List<Integer> ids = new ArrayList<>();
        JsonNode page = first.result();
        Integer next = first.next();
        while (true) {
            for (JsonNode t : page.path("types").values()) {
                int id = t.path("entityTypeId").asInt(0);
                if (id > 0 && !ids.contains(id)) {
                    ids.add(id);
                }
                if (id > 0 && "Y".equals(t.path("isLinkWithProductsEnabled").asString(""))) {
                    spaWithProducts.add(id);
                }
            }
            if (next == null || next <= 0 || page.path("types").size() < TYPES_PER_PAGE) {
                return ids;
            }
            ObjectNode params = F.objectNode();
            params.putObject("order").put("id", "ASC");
            params.put("start", next);
            Envelope e = api.call("crm.type.list", params);
            page = e.result();
            next = e.next();
        }
    }

    private List<String> scopeList(SubResult scope) {
        if (!scope.ok()) {
            // scope is in 'basic', which every webhook has: a failure here is not an optional area
            throw scope.error() != null ? scope.error()
                    : new IllegalStateException("the portal answered the 'scope' call with nothing");
        }
        List<String> out = new ArrayList<>();
        scope.result().values().forEach(v -> out.add(v.asString()));
        return out;
    }

    /**
     * Whether a sub-call's answer can be used. Non-retryable failures (scope, rights, missing
     * module, API errors) leave the stream out with a log line; retryable ones abort discovery.
     */
    private boolean usable(String streams, SubResult r) {
        if (r.ok()) {
            return true;
        }
        BitrixException e = r.error();
        if (e == null) {
            omit(streams, r.method() + " returned nothing");
            return false;
        }
        if (e.kind().retryable() || e.kind().refusesEverything()) {
            throw e;
        }
        String why = switch (e.kind()) {
            case INSUFFICIENT_SCOPE -> r.method() + " needs a scope the webhook does not have";
            case METHOD_NOT_FOUND -> r.method() + " is not available on this portal (module not installed?)";
            case ACCESS_DENIED -> r.method() + " was refused to the webhook's user"
                    + (r.method().equals("crm.type.list") ? " (it needs CRM administrator rights)" : "");
            default -> r.method() + " failed: " + (e.code().isEmpty() ? "" : e.code() + " ") + e.getMessage();
        };
        omit(streams, why);
        return false;
    }

    /** From a method.get probe: a reason when the method does not exist here, else null (also when the probe failed). */
    private static String moduleProblem(SubResult probe) {
        if (probe == null || !probe.ok()) {
            return null;
        }
        JsonNode exists = probe.result().get("isExisting");
        return exists != null && exists.isBoolean() && !exists.booleanValue()
                ? "does not exist on this portal (module not installed)" : null;
    }

    private void omit(String stream, String reason) {
        omissions.add(new Omission(stream, reason));
        LOG.info(() -> "stream " + stream + " left out: " + reason);
    }

    private static String key(String method) {
        return method.replace('.', '_');
    }

    private static String probeKey(String method) {
        return "probe_" + key(method);
    }
}
