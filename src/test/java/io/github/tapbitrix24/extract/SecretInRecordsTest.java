package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The portal can hand the webhook back in data (file links built for the caller); stdout never carries it. */
class SecretInRecordsTest {
    private static final String TOKEN = "s3cretWebhookT0ken";

    @Test
    void aRecordThatEchoesTheWebhookIsWrittenWithTheSecretMasked() {
        try (SyncHarness h = new SyncHarness(PortalOptions.defaults().withDeals(60).withWebhook(1, TOKEN))) {
            String link = h.sim.webhookUrl() + "crm.controller.item.getFile/?fileId=7";
            ObjectNode file = SyncHarness.JSON.createObjectNode().put("id", 7).put("downloadUrl", link);
            h.sim.data().set(Dataset.DEALS, 5, "UF_CRM_1700000010", file);
            h.sim.data().set(Dataset.DEALS, 6, "UF_CRM_1700000016", SyncHarness.JSON.createArrayNode().add(file));
            h.sim.data().set(Dataset.DEALS, 7, "COMMENTS", SyncHarness.JSON.getNodeFactory().stringNode("see " + link));
            Catalog catalog = h.catalog("deals");

            SyncHarness.Run run = h.sync(catalog, null);

            for (JsonNode m : run.messages()) {
                assertFalse(m.toString().contains(TOKEN), m.toString());
            }
            ObjectNode deal5 = run.records("deals").stream().filter(r -> r.get("ID").asLong() == 5).findFirst().orElseThrow();
            String masked = deal5.get("UF_CRM_1700000010").get("downloadUrl").asString();
            assertTrue(masked.contains("/rest/1/***/crm.controller.item.getFile/"), masked);
            ObjectNode deal6 = run.records("deals").stream().filter(r -> r.get("ID").asLong() == 6).findFirst().orElseThrow();
            assertEquals(masked, deal6.get("UF_CRM_1700000016").get(0).get("downloadUrl").asString());
            run.assertRecordsValidateAgainstTheirSchemas();
        }
    }
}
