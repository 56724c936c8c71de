package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.config.DeletionSettings;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.PortalOptions;
import io.github.tapbitrix24.singer.Catalog;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * detect_deletions on the deal children, against the simulator over HTTP: a product row removed
 * from its deal, a deleted comment, and the product rows and comments of a deleted deal are
 * written as deleted once every deal's children are read again.
 */
class DealChildrenDeletionTest {

    private static Set<Long> marked(SyncHarness.Run run, String stream, String key) {
        Set<Long> ids = new TreeSet<>();
        for (ObjectNode r : run.records(stream)) {
            if (!r.path("_sdc_deleted_at").isNull()) {
                ids.add(r.get(key).asLong());
            }
        }
        return ids;
    }

    private static List<Long> childrenOf(ChildrenHarness c, Dataset d, String ownerField, long deal, String key) {
        return c.h.sim.data().rows(d).stream().filter(r -> r.get(ownerField).asLong() == deal)
                .map(r -> r.get(key).asLong()).toList();
    }

    @Test
    void removedProductRowsCommentsAndTheChildrenOfADeletedDealAreMarked() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults(), 1, List.of(),
                cfg -> cfg.withDeletions(DeletionSettings.everyRun()))) {
            Catalog catalog = c.catalog("deals", "deal_products", "deal_comments");
            SyncHarness.Run first = c.sync(catalog, null);
            assertEquals(Set.of(), marked(first, "deal_products", "id"));
            assertEquals(Set.of(), marked(first, "deal_comments", "ID"));

            List<ObjectNode> rows = c.h.sim.data().rows(Dataset.DEAL_PRODUCT_ROWS);
            long dealWithRows = rows.get(0).get("ownerId").asLong();
            long removedRow = childrenOf(c, Dataset.DEAL_PRODUCT_ROWS, "ownerId", dealWithRows, "id").get(0);
            c.h.sim.data().delete(Dataset.DEAL_PRODUCT_ROWS, removedRow);

            List<ObjectNode> comments = c.h.sim.data().rows(Dataset.DEAL_COMMENTS);
            long removedComment = comments.get(0).get("ID").asLong();
            long commentDeal = comments.get(0).get("ENTITY_ID").asLong();
            c.h.sim.data().delete(Dataset.DEAL_COMMENTS, removedComment);

            long deletedDeal = comments.stream().map(r -> r.get("ENTITY_ID").asLong())
                    .filter(d -> d != dealWithRows && d != commentDeal
                            && !childrenOf(c, Dataset.DEAL_PRODUCT_ROWS, "ownerId", d, "id").isEmpty()
                            // a deal with a few comments: 50 would be a mass vanish (max_deletion_fraction)
                            && childrenOf(c, Dataset.DEAL_COMMENTS, "ENTITY_ID", d, "ID").size() <= 3)
                    .findFirst().orElseThrow();
            List<Long> rowsOfDeleted = childrenOf(c, Dataset.DEAL_PRODUCT_ROWS, "ownerId", deletedDeal, "id");
            List<Long> commentsOfDeleted = childrenOf(c, Dataset.DEAL_COMMENTS, "ENTITY_ID", deletedDeal, "ID");
            c.h.sim.data().delete(Dataset.DEALS, deletedDeal);

            c.h.sim.clock().advance(Duration.ofHours(1)); // the comments' periodic re-read is due
            SyncHarness.Run second = c.sync(catalog, first.lastState());

            assertEquals(Set.of(deletedDeal), marked(second, "deals", "ID"));
            Set<Long> rowsGone = new TreeSet<>(rowsOfDeleted);
            rowsGone.add(removedRow);
            assertEquals(rowsGone, marked(second, "deal_products", "id"));
            Set<Long> commentsGone = new TreeSet<>(commentsOfDeleted);
            commentsGone.add(removedComment);
            assertTrue(commentsOfDeleted.size() > 0);
            assertEquals(commentsGone, marked(second, "deal_comments", "ID"));
            second.assertRecordsValidateAgainstTheirSchemas();

            SyncHarness.Run third = c.sync(catalog, second.lastState());
            assertEquals(Set.of(), marked(third, "deal_products", "id"), "marked once");
        }
    }

    @Test
    void betweenRereadsOfEveryDealNoChildIsMarked() {
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults(), 24, List.of(),
                cfg -> cfg.withDeletions(DeletionSettings.everyRun()))) {
            Catalog catalog = c.catalog("deals", "deal_comments");
            SyncHarness.Run first = c.sync(catalog, null);
            long removed = c.h.sim.data().rows(Dataset.DEAL_COMMENTS).get(5).get("ID").asLong();
            c.h.sim.data().delete(Dataset.DEAL_COMMENTS, removed);
            SyncHarness.Run second = c.sync(catalog, first.lastState());
            assertEquals(Set.of(), marked(second, "deal_comments", "ID"),
                    "only the changed deals' comments were read: nothing to compare");
            c.h.sim.clock().advance(Duration.ofHours(24));
            SyncHarness.Run reread = c.sync(catalog, second.lastState());
            assertEquals(Set.of(removed), marked(reread, "deal_comments", "ID"));
        }
    }
}
