package io.github.tapbitrix24.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tapbitrix24.portal.PortalOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@code deal_category_ids} with a funnel the portal does not have filters every deal of it out
 * silently on the server; the run says so on stderr, from the funnel list that rides in the small
 * streams' shared request.
 */
class UnknownFunnelWarningTest {

    private static List<String> warningsOfARun(List<Integer> dealCategoryIds) {
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SyncRunner.class.getName());
        logger.addHandler(capture);
        try (ChildrenHarness c = new ChildrenHarness(PortalOptions.defaults().withDeals(300), 24, dealCategoryIds)) {
            SyncHarness.Run run = c.sync(c.catalog("deals", "deal_fields", "status_list"), null);
            assertTrue(run.records("deals").size() > 0 || dealCategoryIds.stream().allMatch(id -> id > 10));
        } finally {
            logger.removeHandler(capture);
        }
        return warnings.stream().filter(w -> w.startsWith("deal_category_ids")).toList();
    }

    @Test
    void aFunnelThePortalDoesNotHaveIsNamedWithTheFunnelsItHas() {
        List<String> warnings = warningsOfARun(List.of(1, 42));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("[42] is not a deal funnel"), warnings.get(0));
        assertTrue(warnings.get(0).contains("0 ") && warnings.get(0).contains("1 "), warnings.get(0));
    }

    @Test
    void existingFunnelsPassWithoutAWord() {
        assertEquals(List.of(), warningsOfARun(List.of(0, 1)));
    }
}
