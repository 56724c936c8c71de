package io.github.tapbitrix24.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replay fixtures under {@code src/test/resources/replay/}: real answers of the methods the tap
 * calls, each written from a published source that its {@code source} field names (the official docs'
 * response examples, {@code bitrix24/b24restdocs}, or a captured answer in
 * {@code leshchenko1979/fast_bitrix24}, {@code tests/real_responses/}), with the HTTP status and body.
 */
final class Fixtures {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    /** {@code replay/<name>.json}, or null when there is none. */
    static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/replay/" + name + ".json")) {
            return in == null ? null : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
