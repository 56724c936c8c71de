package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.bitrix.BitrixClient;
import io.github.tapbitrix24.bitrix.ClientSettings;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.extract.SyncRunner;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.SingerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --catalog FILE [--state FILE]}: syncs the catalog's selected streams to stdout (SCHEMA,
 * RECORD, STATE; a final STATE last). Per-stream summaries go to stderr through the loggers.
 */
public final class SyncMode {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SyncMode() {
    }

    /**
     * Runs a sync with the real client.
     *
     * @param statePath null for a first run
     * @return 0 when every selected stream was synced or skipped for a stated reason
     * @throws IllegalArgumentException catalog or state file unreadable or not valid (usage error, exit 2)
     * @throws io.github.tapbitrix24.bitrix.BitrixException the portal failed after retries (exit 1)
     */
    public static int run(TapConfig config, Path catalogPath, Path statePath, OutputStream stdout) {
        Catalog catalog = Catalog.fromJson(readJson(catalogPath, "catalog"));
        JsonNode state = statePath == null ? null : readJson(statePath, "state");
        BitrixClient client = BitrixClient.create(config.webhookUrl(), ClientSettings.from(config));
        return run(config, client, catalog, state, stdout, Clock.systemUTC(), Sleeper.REAL);
    }

    /** Runs a sync with any client (the demo passes one bound to the simulator). */
    public static int run(TapConfig config, BitrixApi api, Catalog catalog, JsonNode state, OutputStream stdout,
                          Clock clock, Sleeper sleeper) {
        try (SingerWriter writer = new SingerWriter(stdout)) {
            SyncRunner.create(api, config, writer, clock, sleeper).run(catalog, state);
        }
        return 0;
    }

    private static JsonNode readJson(Path path, String what) {
        try (InputStream in = Files.newInputStream(path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + path + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the " + what + " file " + path + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
