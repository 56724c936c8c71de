package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code tap-bitrix24 --config c.json --discover} end to end against the simulator. */
class DiscoverModeTest {
    @TempDir
    Path dir;

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run discover(PortalSimulator sim) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"webhook_url\":\"" + sim.webhookUrl() + "\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TapCommand.run(new String[] {"--config", config.toString(), "--discover"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), Clock.systemUTC(), Sleeper.REAL);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void restrictedScopeLeavesThoseStreamsOutSaysWhyAndExitsZero() throws Exception {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withScopes(Set.of("crm", "user_brief")))) {
            Run run = discover(sim);
            assertEquals(0, run.exit(), run.stderr());
            Catalog catalog = Catalog.fromJson(JsonMapper.shared().readTree(run.stdout()));
            List<String> names = catalog.streams().stream().map(CatalogEntry::tapStreamId).toList();
            assertTrue(names.containsAll(List.of("deals", "users", "spa_types")));
            for (String gone : List.of("departments", "calls", "open_lines")) {
                assertFalse(names.contains(gone), gone);
            }
            List<String> lines = Arrays.stream(run.stderr().split("\n")).filter(l -> l.contains("left out")).toList();
            assertEquals(9, lines.size(), run.stderr()); // and the six work streams (task, sonet_group)
            assertTrue(lines.stream().anyMatch(l -> l.contains("workgroups") && l.contains("'sonet_group'")));
            assertTrue(lines.stream().anyMatch(l -> l.contains("calls") && l.contains("'telephony'")), run.stderr());
            assertTrue(lines.stream().anyMatch(l -> l.contains("open_lines") && l.contains("'imopenlines'")));
            assertTrue(lines.stream().anyMatch(l -> l.contains("departments") && l.contains("'department'")));
        }
    }

    @Test
    void aWebhookWithoutCrmStillDiscoversTheOrganisationStreams() throws Exception {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults()
                .withScopes(Set.of("user", "department", "telephony")))) {
            Run run = discover(sim);
            assertEquals(0, run.exit(), run.stderr());
            List<String> names = Catalog.fromJson(JsonMapper.shared().readTree(run.stdout())).streams().stream()
                    .map(CatalogEntry::tapStreamId).toList();
            assertEquals(List.of("users", "departments", "calls"), names);
            assertTrue(run.stderr().contains("stream deals left out: the webhook has no 'crm' scope"), run.stderr());
        }
    }

    @Test
    void theCatalogOnStdoutIsTheOnlyThingThereAndHoldsNoSecret() throws Exception {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults())) {
            Run run = discover(sim);
            assertEquals(0, run.exit(), run.stderr());
            Catalog catalog = Catalog.fromJson(JsonMapper.shared().readTree(run.stdout()));
            assertTrue(catalog.find("calls").isPresent());
            String token = sim.options().effectiveToken();
            assertFalse(run.stdout().contains(token));
            assertFalse(run.stderr().contains(token));
        }
    }
}
