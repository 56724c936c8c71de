package io.github.tapbitrix24.singer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CatalogEntryTest {
    private static final JsonMapper M = JsonMapper.shared();

    private static ObjectNode schema() {
        return (ObjectNode) M.readTree("{\"type\":\"object\",\"properties\":{\"ID\":{\"type\":\"integer\"},"
                + "\"LAST_UPDATED\":{},\"CREATED\":{},\"SUBJECT\":{},\"DESCRIPTION\":{}},\"required\":[\"ID\"]}");
    }

    private static CatalogEntry activities() {
        return StreamMetadata.entry("activities", schema(), List.of("ID"), List.of("LAST_UPDATED", "CREATED"), null);
    }

    /** Round-trips through JSON after applying a user's edit, as a catalog file would. */
    private static CatalogEntry edited(CatalogEntry e, String crumbName, String key, JsonNode value) {
        JsonNode json = new Catalog(List.of(e)).toJson();
        for (JsonNode m : json.get("streams").get(0).get("metadata").values()) {
            JsonNode crumb = m.get("breadcrumb");
            boolean match = crumbName == null ? crumb.isEmpty()
                    : crumb.size() == 2 && crumb.get(1).asString().equals(crumbName);
            if (match) {
                ((ObjectNode) m.get("metadata")).set(key, value);
            }
        }
        return Catalog.fromJson(json).streams().get(0);
    }

    @Test
    void discoveredStreamIsSelectedIncrementalOnItsDefaultKey() {
        CatalogEntry e = activities();
        assertTrue(e.isSelected());
        assertEquals("INCREMENTAL", e.replicationMethod());
        assertEquals(Optional.of("LAST_UPDATED"), e.replicationKey());
        assertEquals(List.of("ID"), e.keyProperties());
        assertEquals(Set.of("ID", "LAST_UPDATED", "CREATED", "SUBJECT", "DESCRIPTION"), e.selectedProperties());
    }

    @Test
    void usersChoiceOfAnotherValidKeyIsHonoured() {
        CatalogEntry e = edited(activities(), null, "replication-key", M.getNodeFactory().stringNode("CREATED"));
        assertEquals(Optional.of("CREATED"), e.replicationKey());
    }

    @Test
    void aKeyTheStreamDoesNotOfferIsRejectedWithItsName() {
        // a selected stream's key is checked when the catalog is read, before any request
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> edited(activities(), null, "replication-key", M.getNodeFactory().stringNode("SUBJECT")));
        assertTrue(ex.getMessage().contains("SUBJECT") && ex.getMessage().contains("activities"));
    }

    @Test
    void fullTableIsForcedWhereNoKeyIsOffered() {
        CatalogEntry e = StreamMetadata.entry("users", schema(), List.of("ID"), List.of(), null);
        CatalogEntry asked = edited(e, null, "replication-method", M.getNodeFactory().stringNode("INCREMENTAL"));
        assertEquals("FULL_TABLE", asked.replicationMethod());
        assertEquals(Optional.empty(), asked.replicationKey());
    }

    @Test
    void userMayChooseFullTableForAnIncrementalStream() {
        CatalogEntry e = edited(activities(), null, "replication-method", M.getNodeFactory().stringNode("FULL_TABLE"));
        assertEquals("FULL_TABLE", e.replicationMethod());
        assertEquals(Optional.empty(), e.replicationKey());
    }

    @Test
    void deselectedFieldsLeaveTheSelectedSchemaButKeysAndReplicationKeysCannot() {
        CatalogEntry e = edited(activities(), "DESCRIPTION", "selected", M.getNodeFactory().booleanNode(false));
        e = edited(e, "ID", "selected", M.getNodeFactory().booleanNode(false));
        e = edited(e, "CREATED", "selected", M.getNodeFactory().booleanNode(false));
        assertEquals(Set.of("ID", "LAST_UPDATED", "CREATED", "SUBJECT"), e.selectedProperties());
        assertFalse(e.selectedSchema().get("properties").has("DESCRIPTION"));
        assertTrue(e.schema().get("properties").has("DESCRIPTION"), "the catalog's schema is not changed");
    }

    @Test
    void explicitSelectionOverridesSelectedByDefault() {
        CatalogEntry e = edited(activities(), null, "selected", M.getNodeFactory().booleanNode(false));
        assertFalse(e.isSelected());
    }

    @Test
    void childStreamsNameTheirParent() {
        CatalogEntry e = StreamMetadata.entry("deal_products", schema(), List.of("ID"), List.of(), "deals");
        assertEquals(Optional.of("deals"), Catalog.fromJson(new Catalog(List.of(e)).toJson()).find("deal_products")
                .orElseThrow().parentTapStreamId());
    }

    @Test
    void malformedCatalogsAreRejectedWithTheStreamNamed() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Catalog.fromJson(M.readTree("{\"streams\":[{\"tap_stream_id\":\"deals\"}]}")));
        assertTrue(ex.getMessage().contains("deals"));
    }
}
