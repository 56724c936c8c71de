package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.ConfigSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TapCommandTest {
    private static final String TOKEN = "cl1T0kenZZ";
    private static final String URL = "https://acme.bitrix24.com/rest/1/" + TOKEN + "/";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TapCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, Clock.systemUTC(), d -> { });
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private String config(String json) throws IOException {
        Path p = dir.resolve("config.json");
        Files.writeString(p, json);
        return p.toString();
    }

    /** Exit 2, nothing on stdout, one line naming the problem, no secret, no stack trace. */
    private static String assertUsageError(Run r) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("tap-bitrix24: "), line);
        assertFalse(r.err().contains(TOKEN), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return line;
    }

    @Test
    void missingConfigFileIsAUsageError() {
        assertTrue(assertUsageError(run("--config", "missing.json")).contains("missing.json does not exist"));
    }

    @Test
    void configThatIsNotJsonIsAUsageError() throws Exception {
        assertTrue(assertUsageError(run("--config", config("webhook_url: " + URL))).contains("is not valid JSON"));
    }

    @Test
    void configWithoutWebhookUrlIsAUsageError() throws Exception {
        assertTrue(assertUsageError(run("--config", config("{}"), "--discover")).contains("webhook_url is required"));
    }

    @Test
    void plainHttpWebhookOnAPublicHostIsAUsageError() throws Exception {
        String line = assertUsageError(run("--config", config("{\"webhook_url\":\"http://acme.bitrix24.com/rest/1/" + TOKEN + "/\"}"),
                "--test"));
        assertTrue(line.contains("https://"), line);
    }

    @Test
    void negativeOperatingTimeThresholdIsAUsageError() throws Exception {
        String line = assertUsageError(run("--config", config("{\"webhook_url\":\"" + URL + "\",\"operating_time_threshold\":-1}"),
                "--test"));
        assertTrue(line.contains("operating_time_threshold"), line);
    }

    @Test
    void nonIntegerDealCategoryIdsIsAUsageError() throws Exception {
        String line = assertUsageError(run("--config", config("{\"webhook_url\":\"" + URL + "\",\"deal_category_ids\":[\"x\"]}"),
                "--test"));
        assertTrue(line.contains("deal_category_ids[0]"), line);
    }

    @Test
    void aWebhookUrlGivenAsTheConfigFileIsNotEchoed() {
        assertTrue(assertUsageError(run("--config", URL)).contains("/rest/1/***"));
    }

    @Test
    void aWebhookUrlGivenAsAnArgumentIsNotEchoed() {
        assertTrue(assertUsageError(run(URL)).contains("/rest/1/***"));
    }

    @Test
    void aWebhookUrlInTheWrongSettingIsNotEchoed() throws Exception {
        String line = assertUsageError(run("--config", config("{\"webhook_url\":\"" + URL + "\",\"start_date\":\"" + URL + "\"}"),
                "--test"));
        assertTrue(line.contains("start_date"), line);
    }

    @Test
    void aWebhookWithAPortOkHttpRefusesIsAUsageErrorWithoutTheSecret() throws Exception {
        String line = assertUsageError(run("--config",
                config("{\"webhook_url\":\"https://acme.bitrix24.com:0/rest/1/" + TOKEN + "/\"}"), "--test"));
        assertTrue(line.contains("port"), line);
    }

    @Test
    void aStateFileOfAnotherShapeIsAUsageErrorNotAFullResync() throws Exception {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{\"singer_state\": {\"bookmarks\": {}}}");
        String line = assertUsageError(run("--demo", "--state", state.toString()));
        assertTrue(line.contains("no \"bookmarks\" object"), line);
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertTrue(assertUsageError(run("--frobnicate")).contains("--frobnicate"));
    }

    @Test
    void noConfigForATestIsAUsageError() {
        assertTrue(assertUsageError(run("--test")).contains("--config"));
    }

    @Test
    void twoModesAtOnceIsAUsageError() {
        assertTrue(assertUsageError(run("--about", "--test")).contains("choose one of --about, --test"));
    }

    @Test
    void missingCatalogFileIsAUsageError() throws Exception {
        String line = assertUsageError(run("--config", config("{\"webhook_url\":\"" + URL + "\"}"), "--catalog",
                dir.resolve("nope.json").toString()));
        assertTrue(line.contains("catalog file") && line.contains("does not exist"), line);
    }

    @Test
    void badFormatValueIsAUsageError() {
        assertUsageError(run("--about", "--format", "yaml"));
    }

    @Test
    void everyViolationGetsItsOwnLine() throws Exception {
        Run r = run("--config", config("{\"operating_time_threshold\":-1,\"deal_category_ids\":[\"x\"]}"), "--test");
        assertEquals(2, r.exit());
        assertEquals(3, r.errLines().size(), r.err());
    }

    @Test
    void debugLogLevelAddsTheStackTraceButStillNoSecret() throws Exception {
        Run r = run("--config", config("{\"webhook_url\":\"" + URL + "\",\"operating_time_threshold\":-1}"), "--test",
                "--log-level", "debug");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains(TOKEN));
    }

    @Test
    void aboutJsonListsCapabilitiesAndEverySettingWithoutAnyConfig() {
        Run r = run("--about", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode about = JsonMapper.shared().readTree(r.out());
        assertEquals("tap-bitrix24", about.get("name").stringValue());
        List<String> capabilities = new ArrayList<>();
        about.get("capabilities").forEach(c -> capabilities.add(c.stringValue()));
        assertEquals(List.of("catalog", "discover", "state", "about", "test", "activate-version"), capabilities);
        JsonNode settings = about.get("settings").get("properties");
        for (String key : ConfigSchema.load().properties().keySet()) {
            assertTrue(settings.has(key), key);
            assertTrue(settings.get(key).has("type") && settings.get(key).has("description"), key);
        }
        assertTrue(settings.size() >= 14);
        assertEquals(200, settings.get("operating_time_threshold").get("default").intValue());
        assertEquals("", r.err());
    }

    @Test
    void aboutIsJsonByDefault() {
        Run r = run("--about");
        assertEquals(0, r.exit());
        assertTrue(JsonMapper.shared().readTree(r.out()).has("settings"));
    }

    @Test
    void aboutMarkdownHasATableRowForEverySetting() {
        Run r = run("--about", "--format", "markdown");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# `tap-bitrix24`"));
        for (String key : ConfigSchema.load().properties().keySet()) {
            assertTrue(r.out().contains("| " + key + " |"), key);
        }
        assertTrue(r.out().contains("| webhook_url | string | yes |"), r.out());
    }

    @Test
    void versionComesFromTheBuild() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("tap-bitrix24 \\d+\\.\\d+\\.\\d+.*\\R"), r.out());
    }

    @Test
    void helpListsTheFlags() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String flag : List.of("--config", "--discover", "--catalog", "--properties", "--state", "--about", "--format",
                "--test", "--demo", "--log-level", "--version")) {
            assertTrue(r.out().contains(flag), flag);
        }
    }

    @Test
    void testModePrintsTheMaskedPortalAndScopes() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("{\"result\":[\"crm\",\"user\",\"department\"]}").build());
            String url = server.url("/rest/1/" + TOKEN + "/").toString();
            Run r = run("--config", config("{\"webhook_url\":\"" + url + "\"}"), "--test");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("/rest/1/***/"), r.out());
            assertTrue(r.out().contains("portal: " + server.getHostName() + ":" + server.getPort()), r.out());
            assertTrue(r.out().contains("scopes: crm, user, department"), r.out());
            assertEquals("/rest/1/" + TOKEN + "/scope", server.takeRequest().getUrl().encodedPath());
            assertFalse(r.out().contains(TOKEN) || r.err().contains(TOKEN));
            assertTrue(r.err().contains("telephony"), r.err()); // warns about scopes it lacks
        }
    }

    @Test
    void testModeReadsTheConfigFromEnvironment() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("{\"result\":[\"crm\"]}").build());
            Run r = run(Map.of("TAP_BITRIX24_WEBHOOK_URL", server.url("/rest/7/" + TOKEN).toString()), "--config", "ENV", "--test");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("/rest/7/***/"), r.out());
        }
    }

    @Test
    void testModeWithARejectedWebhookExitsOneWithOneLine() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().code(401)
                    .body("{\"error\":\"NO_AUTH_FOUND\",\"error_description\":\"Wrong authorization data\"}").build());
            Run r = run("--config", config("{\"webhook_url\":\"" + server.url("/rest/1/" + TOKEN + "/") + "\"}"), "--test");
            assertEquals(1, r.exit());
            assertEquals("", r.out());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("check webhook_url"), r.err());
            assertFalse(r.err().contains(TOKEN));
        }
    }

    @Test
    void unknownConfigKeysAreWarnedAboutOnOneLine() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().body("{\"result\":[\"crm\",\"user\",\"department\",\"telephony\",\"imopenlines\"]}").build());
            Run r = run("--config", config("{\"webhook_url\":\"" + server.url("/rest/1/" + TOKEN + "/") + "\",\"colour\":1}"),
                    "--test");
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of("WARN unknown config key 'colour' is ignored"), r.errLines());
        }
    }
}
