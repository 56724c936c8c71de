package io.github.tapbitrix24.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.portal.http.PortalSimulator;
import io.github.tapbitrix24.singer.Catalog;
import io.github.tapbitrix24.singer.CatalogEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Discovery of the work streams with and without the {@code task} and {@code sonet_group} scopes. */
class WorkStreamsDiscoveryTest {
    private static final List<String> TASK_STREAMS = List.of("tasks", "task_fields", "task_elapsed_time");
    private static final List<String> GROUP_STREAMS = List.of("workgroups", "workgroup_members");

    private record Discovered(Catalog catalog, Map<String, String> omitted) {
        List<String> names() {
            return catalog.streams().stream().map(CatalogEntry::tapStreamId).toList();
        }
    }

    private static Discovered discover(Set<String> scopes) {
        try (PortalSimulator sim = PortalSimulator.start(PortalOptions.defaults().withDeals(20).withScopes(scopes))) {
            TapConfig config = SimulatorFixture.allOptionsOn(sim.webhookUrl());
            Discovery discovery = new Discovery(SimulatorFixture.client(config), config);
            Catalog catalog = discovery.discover();
            return new Discovered(catalog, discovery.omissions().stream()
                    .collect(Collectors.toMap(Omission::stream, Omission::reason)));
        }
    }

    @Test
    void withBothScopesEveryWorkStreamIsInTheCatalog() {
        Discovered d = discover(Set.of("crm", "task", "sonet_group"));
        assertTrue(d.names().containsAll(List.of("tasks", "task_fields", "task_elapsed_time", "workgroups",
                "workgroup_members", "task_stages")), d.names().toString());
        CatalogEntry tasks = d.catalog().find("tasks").orElseThrow();
        assertEquals(List.of("ID"), tasks.keyProperties());
        assertEquals("CHANGED_DATE", tasks.replicationKey().orElseThrow());
        JsonNode props = tasks.schema().get("properties");
        assertTrue(props.has("UF_AUTO_261744829133") && props.has("UF_CRM_TASK") && props.has("TAGS"), props.toString());
        assertEquals("[\"array\",\"null\"]", props.get("UF_AUTO_261744829133").get("type").toString(),
                "task custom fields are arrays: getFields does not report multiplicity");
        assertEquals("Contract number", props.get("UF_AUTO_261744829133").get("description").asString());
        assertEquals("[\"string\",\"null\"]", props.get("STATUS").get("type").toString(), "enum codes are strings");
        assertEquals("date-time", props.get("CHANGED_DATE").get("format").asString());
        assertEquals(List.of("GROUP_ID", "USER_ID"), d.catalog().find("workgroup_members").orElseThrow().keyProperties());
    }

    @Test
    void withoutTheTaskScopeTheTaskStreamsAreLeftOutWithALineNamingIt() {
        Discovered d = discover(Set.of("crm", "sonet_group"));
        for (String s : List.of("tasks", "task_fields", "task_elapsed_time", "task_stages")) {
            assertTrue(!d.names().contains(s), s + " left out");
            assertTrue(d.omitted().get(s).contains("'task' scope"), s + ": " + d.omitted().get(s));
        }
        assertTrue(d.names().containsAll(GROUP_STREAMS), d.names().toString());
    }

    @Test
    void withoutTheSonetGroupScopeTheGroupStreamsAreLeftOutWithALineNamingIt() {
        Discovered d = discover(Set.of("crm", "task"));
        for (String s : GROUP_STREAMS) {
            assertTrue(!d.names().contains(s), s + " left out");
            assertTrue(d.omitted().get(s).contains("'sonet_group' scope"), s + ": " + d.omitted().get(s));
        }
        assertEquals("its parent stream workgroups is not available", d.omitted().get("task_stages"));
        assertTrue(d.names().containsAll(TASK_STREAMS), d.names().toString());
    }

    @Test
    void theSocialnetworkAliasOfTheScopeEnablesTheGroupStreams() { // D:api-reference/scopes/permissions.md
        Discovered d = discover(Set.of("task", "socialnetwork"));
        assertTrue(d.names().containsAll(GROUP_STREAMS) && d.names().contains("task_stages"), d.names().toString());
    }
}
