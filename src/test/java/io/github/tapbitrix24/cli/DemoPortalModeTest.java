package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --demo-portal}: the demo portal alone, and the one stdout line a pipeline needs to reach it. */
class DemoPortalModeTest {
    @TempDir
    Path dir;

    @Test
    void printsAConfigThatATapStartedSeparatelyCanDiscoverWith() throws Exception {
        ByteArrayOutputStream portalOut = new ByteArrayOutputStream();
        int[] discovered = {-1};
        String[] catalog = {""};
        DemoPortalMode mode = new DemoPortalMode(new PrintStream(portalOut, true, StandardCharsets.UTF_8), () -> {
            // while the portal serves: what a pipeline would do with the printed line
            try {
                Path config = Files.writeString(dir.resolve("demo-portal.json"), portalOut.toString(StandardCharsets.UTF_8));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                discovered[0] = TapCommand.run(new String[] {"--config", config.toString(), "--discover"},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                        Map.of(), Clock.systemUTC(), d -> { });
                catalog[0] = out.toString(StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(0, mode.run());
        String line = portalOut.toString(StandardCharsets.UTF_8);
        assertEquals(1, line.lines().count(), "one line on stdout: " + line);
        JsonNode config = JsonMapper.shared().readTree(line);
        assertTrue(config.get("webhook_url").asString().startsWith("http://127.0.0.1:"), line);
        assertEquals(0, discovered[0]);
        assertTrue(JsonMapper.shared().readTree(catalog[0]).get("streams").size() > 20, "the demo portal's catalog");
    }

    @Test
    void demoPortalIsAModeOfItsOwn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TapCommand.run(new String[] {"--demo-portal", "--about"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC(), d -> { });
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("choose one of"), err.toString(StandardCharsets.UTF_8));
    }
}
