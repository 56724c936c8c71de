package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portal can hand the webhook back in data (file links built for the caller); the records on
 * stdout carry the link with the secret masked, in place, and nothing else of stdout carries it.
 */
class SecretInRecordsTest {
    private static final String TOKEN = "s3cretWebhookT0ken";

    @TempDir
    Path dir;

    @Test
    void aRecordThatEchoesTheWebhookIsWrittenWithTheSecretMasked() {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(60).withRateLimit(false)
                .withOperatingLimit(false).withWebhook(1, TOKEN))) {
            String link = sim.webhookUrl() + "crm.controller.item.getFile/?fileId=7";
            ObjectNode file = TapRun.JSON.createObjectNode().put("id", 7).put("downloadUrl", link);
            sim.data().set(Dataset.DEALS, 5, "UF_CRM_1700000010", file);
            sim.data().set(Dataset.DEALS, 6, "UF_CRM_1700000016", TapRun.JSON.createArrayNode().add(file));
            sim.data().set(Dataset.DEALS, 7, "COMMENTS", TapRun.JSON.getNodeFactory().stringNode("see " + link));
            Path config = TapRun.config(dir, sim.webhookUrl(), Map.of());
            Path catalog = TapRun.catalog(dir, config, "deals");

            TapRun run = TapRun.of("--config", config.toString(), "--catalog", catalog.toString());

            assertEquals(0, run.exit(), run.err());
            assertFalse(run.out().contains(TOKEN), "stdout holds the secret");
            String masked = deal(run, 5).get("UF_CRM_1700000010").get("downloadUrl").asString();
            assertTrue(masked.contains("/rest/1/***/crm.controller.item.getFile/"), masked);
            assertEquals(masked, deal(run, 6).get("UF_CRM_1700000016").get(0).get("downloadUrl").asString());
            assertEquals("see " + masked, deal(run, 7).get("COMMENTS").asString());
        }
    }

    private static JsonNode deal(TapRun run, long id) {
        return run.messages().stream().filter(m -> m.path("type").asString().equals("RECORD"))
                .map(m -> m.get("record")).filter(r -> r.get("ID").asLong() == id).findFirst().orElseThrow();
    }
}
