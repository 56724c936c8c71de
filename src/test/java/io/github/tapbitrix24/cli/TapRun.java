package io.github.tapbitrix24.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of the tap through its real command line (no sleeping), with stdout, stderr and the
 * exit code kept; stdout is parsed as Singer messages when it holds them.
 */
record TapRun(int exit, String out, String err) {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static TapRun of(String... args) {
        return of(Clock.systemUTC(), args);
    }

    static TapRun of(Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TapCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), clock, d -> { });
        return new TapRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A config file for {@code webhookUrl} with fast retries; {@code extra} keys are added. */
    static Path config(Path dir, String webhookUrl, Map<String, Object> extra) {
        ObjectNode c = JSON.createObjectNode().put("webhook_url", webhookUrl)
                .put("retry_initial_delay_seconds", 0.01).put("retry_max_delay_seconds", 0.02)
                .put("max_requests_per_second", 10_000).put("request_burst", 10_000);
        extra.forEach((k, v) -> c.set(k, JSON.valueToTree(v)));
        return write(dir.resolve("config.json"), c.toString());
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** stderr lines that are not the tap's routine INFO log. */
    List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }

    /** stderr lines the tap prints as its final word ({@code tap-bitrix24: ...}). */
    List<String> failureLines() {
        return errLines().stream().filter(l -> l.startsWith(TapCommand.NAME + ": ")).toList();
    }

    List<JsonNode> messages() {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                messages.add(JSON.readTree(line));
            }
        }
        return messages;
    }

    List<JsonNode> states() {
        return messages().stream().filter(m -> m.path("type").asString().equals("STATE")).map(m -> m.get("value"))
                .toList();
    }

    JsonNode lastState() {
        List<JsonNode> s = states();
        return s.isEmpty() ? null : s.get(s.size() - 1);
    }

    long records(String stream) {
        return messages().stream().filter(m -> m.path("type").asString().equals("RECORD")
                && m.path("stream").asString().equals(stream)).count();
    }

    /** Discovers through {@code config} and writes a catalog with only {@code streams} selected. */
    static Path catalog(Path dir, Path config, String... streams) {
        TapRun discovered = of("--config", config.toString(), "--discover");
        if (discovered.exit() != 0) {
            throw new IllegalStateException("discovery failed: " + discovered.err());
        }
        JsonNode catalog = JSON.readTree(discovered.out());
        java.util.Set<String> wanted = java.util.Set.of(streams);
        for (JsonNode entry : catalog.get("streams")) {
            for (JsonNode m : entry.get("metadata")) {
                if (m.get("breadcrumb").isEmpty()) {
                    ((ObjectNode) m.get("metadata")).put("selected", wanted.contains(entry.get("tap_stream_id").asString()));
                }
            }
        }
        return write(dir.resolve("catalog.json"), catalog.toString());
    }
}
