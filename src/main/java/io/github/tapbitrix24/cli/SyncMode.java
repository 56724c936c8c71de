package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.discover.Discovery;
import io.github.tapbitrix24.extract.SyncRunner;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.SingerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default mode: syncs the catalog's selected streams to stdout (SCHEMA, RECORD, STATE; a final
 * STATE last). Without {@code --catalog} the portal is discovered first and the streams selected by
 * default are synced, so {@code tap-bitrix24 --config c.json} alone does something useful.
 * Per-stream summaries go to stderr through the loggers.
 */
final class SyncMode implements Mode {
    private static final Logger LOG = Logger.getLogger(SyncMode.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunContext context;

    SyncMode(RunContext context) {
        this.context = context;
    }

    @Override
    public int run() {
        JsonNode state = context.state().map(SyncMode::readState).orElse(null); // a bad file fails before any request
        BitrixApi api = RunContext.timed(context.client());
        Catalog catalog = catalogOrDiscover(api, context.config(), context.catalog());
        return run(context.config(), api, catalog, state, context.out(), context.clock(), context.sleeper());
    }

    static Catalog catalogOrDiscover(BitrixApi api, TapConfig config, Optional<Path> catalogFile) {
        if (catalogFile.isPresent()) {
            try {
                return Catalog.fromJson(readJson(catalogFile.get(), "catalog"));
            } catch (IllegalArgumentException e) {
                throw new UsageError("the catalog file " + catalogFile.get() + " is not a Singer catalog: " + e.getMessage());
            }
        }
        Catalog discovered = new Discovery(api, config).discover();
        LOG.info(() -> "no --catalog given: discovered " + discovered.streams().size()
                + " streams; syncing the ones selected by default");
        return discovered;
    }

    /** Runs a sync with any client (the demo passes one bound to the simulator); returns the exit code. */
    static int run(TapConfig config, BitrixApi api, Catalog catalog, JsonNode state, OutputStream stdout,
                   Clock clock, Sleeper sleeper) {
        try (SingerWriter writer = new SingerWriter(CheckedOutput.of(stdout))) {
            SyncRunner.create(api, config, writer, clock, sleeper).run(catalog, state);
        }
        return 0;
    }

    /**
     * A state file: a JSON object, {@code {}} meaning none. One with content but no
     * {@code bookmarks} object (bare or inside a STATE message) is a usage error like a non-object:
     * it is another tap's or program's file, and ignoring it would silently re-extract everything.
     */
    static JsonNode readState(Path path) {
        JsonNode state = readJson(path, "state");
        if (!state.isObject()) {
            throw new UsageError("the state file " + path + " must hold a JSON object ({\"bookmarks\": ...})");
        }
        JsonNode inner = !state.has("bookmarks") && state.path("value").isObject() ? state.get("value") : state;
        if (!state.isEmpty() && !inner.path("bookmarks").isObject()) {
            throw new UsageError("the state file " + path + " has no \"bookmarks\" object: it is not a state of this"
                    + " tap (pass {} or no --state to start from scratch)");
        }
        return state;
    }

    /** Reads a Singer JSON file; a missing or malformed file is a usage error (exit 2). */
    static JsonNode readJson(Path path, String what) {
        try (InputStream in = Files.newInputStream(path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UsageError("cannot read the " + what + " file " + path + ": " + e.getMessage());
        } catch (JacksonException e) {
            // Only the position, as for a config file: the parser's own words quote the content.
            tools.jackson.core.TokenStreamLocation at = e.getLocation();
            throw new UsageError("the " + what + " file " + path + " is not valid JSON"
                    + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }
}
