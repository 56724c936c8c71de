package io.github.tapbitrix24.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String TOKEN = "t0kenS3cret99";
    static final String URL = "https://acme.bitrix24.com/rest/1/" + TOKEN + "/";
    private static final ConfigSchema SCHEMA = ConfigSchema.load();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, SCHEMA);
    }

    private List<String> problems(String json) throws IOException {
        Path p = file("c.json", json);
        ConfigException e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(List.of(p.toString())));
        for (String line : e.problems()) {
            assertFalse(line.contains(TOKEN), line);
            assertFalse(line.contains("\n"), line);
        }
        return e.problems();
    }

    @Test
    void appliesEveryDefaultFromTheSchema() throws Exception {
        TapConfig c = loader(Map.of()).load(List.of(file("c.json", "{\"webhook_url\":\"" + URL + "\"}").toString()));
        assertEquals(TapConfig.defaults(c.webhookUrl()), c);
        assertEquals("acme.bitrix24.com", c.webhookUrl().host());
    }

    @Test
    void readsEverySetting() throws Exception {
        TapConfig c = loader(Map.of()).load(List.of(file("c.json", "{\"webhook_url\":\"" + URL + "\","
                + "\"start_date\":\"2024-01-01T00:00:00Z\",\"extract_deal_contacts\":true,"
                + "\"enable_deal_comments_stream\":true,\"enable_deal_products_stream\":true,"
                + "\"operating_time_threshold\":300,\"deal_category_ids\":[0,3],\"max_requests_per_second\":5,"
                + "\"request_burst\":250,\"request_timeout_seconds\":30,\"retry_max_attempts\":3,"
                + "\"retry_initial_delay_seconds\":0.5,\"retry_max_delay_seconds\":10,\"retry_max_total_seconds\":120}").toString()));
        assertEquals(new TapConfig(c.webhookUrl(), java.util.Optional.of(OffsetDateTime.parse("2024-01-01T00:00:00Z")),
                true, true, true, 300, List.of(0, 3), 5, 250, 30, 3, 0.5, 10, 120), c);
    }

    @Test
    void laterFilesOverrideEarlierKeys() throws Exception {
        Path a = file("a.json", "{\"webhook_url\":\"" + URL + "\",\"request_burst\":10,\"max_requests_per_second\":1}");
        Path b = file("b.json", "{\"request_burst\":20}");
        TapConfig c = loader(Map.of()).load(List.of(a.toString(), b.toString()));
        assertEquals(20, c.requestBurst());
        assertEquals(1, c.maxRequestsPerSecond());
    }

    @Test
    void envSourceReadsPrefixedVariablesAndParsesJsonValues() throws Exception {
        TapConfig c = loader(Map.of("TAP_BITRIX24_WEBHOOK_URL", URL,
                "TAP_BITRIX24_EXTRACT_DEAL_CONTACTS", "true",
                "TAP_BITRIX24_DEAL_CATEGORY_IDS", "[1, 2]",
                "TAP_BITRIX24_OPERATING_TIME_THRESHOLD", "150.5",
                "TAP_BITRIX24_JAVA_OPTS", "-Xmx1g")).load(List.of("ENV"));
        assertTrue(c.extractDealContacts());
        assertEquals(List.of(1, 2), c.dealCategoryIds());
        assertEquals(150.5, c.operatingTimeThreshold());
    }

    @Test
    void envAfterAFileOverridesIt() throws Exception {
        Path a = file("a.json", "{\"webhook_url\":\"" + URL + "\",\"request_burst\":10}");
        TapConfig c = loader(Map.of("TAP_BITRIX24_REQUEST_BURST", "7")).load(List.of(a.toString(), "ENV"));
        assertEquals(7, c.requestBurst());
    }

    @Test
    void envValueOfTheWrongTypeIsReportedByName() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader(Map.of("TAP_BITRIX24_WEBHOOK_URL", URL,
                "TAP_BITRIX24_REQUEST_BURST", "lots")).load(List.of("ENV")));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("request_burst: must be a whole number"), e.problems().get(0));
    }

    @Test
    void missingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader(Map.of()).load(List.of("/nonexistent.json")));
        assertEquals(List.of("config file /nonexistent.json does not exist"), e.problems());
    }

    @Test
    void invalidJsonIsReportedWithItsPositionButNotItsContent() throws Exception {
        List<String> p = problems("{\"webhook_url\": " + TOKEN + "}");
        assertEquals(1, p.size());
        assertTrue(p.get(0).matches("config file .*c\\.json is not valid JSON \\(line 1, column \\d+\\)"), p.get(0));
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() throws Exception {
        assertTrue(problems("[1,2]").get(0).contains("must contain a JSON object"));
    }

    @Test
    void missingWebhookUrlIsRequired() throws Exception {
        List<String> p = problems("{\"start_date\":\"2024-01-01T00:00:00Z\"}");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("webhook_url is required"), p.get(0));
    }

    @Test
    void plainHttpOnAPublicHostIsRejectedWithoutTheSecret() throws Exception {
        List<String> p = problems("{\"webhook_url\":\"http://acme.bitrix24.com/rest/1/" + TOKEN + "/\"}");
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("https://"), p.get(0));
    }

    @Test
    void negativeOperatingTimeThresholdIsNamed() throws Exception {
        List<String> p = problems("{\"webhook_url\":\"" + URL + "\",\"operating_time_threshold\":-1}");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("operating_time_threshold:") && p.get(0).contains("-1"), p.get(0));
    }

    @Test
    void nonIntegerDealCategoryIsNamedWithItsIndex() throws Exception {
        List<String> p = problems("{\"webhook_url\":\"" + URL + "\",\"deal_category_ids\":[\"x\"]}");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("deal_category_ids[0]: must be a whole number"), p.get(0));
    }

    @Test
    void badStartDateIsNamed() throws Exception {
        List<String> p = problems("{\"webhook_url\":\"" + URL + "\",\"start_date\":\"yesterday\"}");
        assertEquals(List.of("start_date must be an RFC 3339 date-time such as 2024-01-01T00:00:00Z (was \"yesterday\")"), p);
    }

    @Test
    void reportsEveryViolationAtOnce() throws Exception {
        List<String> p = problems("{\"operating_time_threshold\":-1,\"deal_category_ids\":[\"x\"],"
                + "\"extract_deal_contacts\":\"yes\",\"request_burst\":0}");
        assertEquals(5, p.size(), p.toString());
    }

    @Test
    void nonStringWebhookUrlIsReportedWithoutItsValue() throws Exception {
        List<String> p = problems("{\"webhook_url\":12345}");
        assertEquals(1, p.size());
        assertFalse(p.get(0).contains("12345"), p.get(0));
    }

    @Test
    void unknownKeysAreAWarningNotAFailure() throws Exception {
        Logger logger = Logger.getLogger("io.github.tapbitrix24.config");
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(h);
        try {
            loader(Map.of()).load(List.of(file("c.json", "{\"webhook_url\":\"" + URL + "\",\"colour\":\"blue\"}").toString()));
        } finally {
            logger.removeHandler(h);
        }
        assertEquals(List.of("unknown config key 'colour' is ignored"), warnings);
    }

    @Test
    void retryMaxDelayMustExceedTheInitialDelay() throws Exception {
        List<String> p = problems("{\"webhook_url\":\"" + URL + "\",\"retry_initial_delay_seconds\":5,\"retry_max_delay_seconds\":5}");
        assertEquals(List.of("retry_max_delay_seconds must be greater than retry_initial_delay_seconds"), p);
    }

    @Test
    void noSourceAtAllIsAnError() {
        assertThrows(ConfigException.class, () -> loader(Map.of()).load(List.of()));
    }
}
