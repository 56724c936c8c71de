package io.github.tapbitrix24.extract.children;

import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code extract_deal_contacts}: deals read by crm.deal.list get {@code CONTACT_IDS}, every contact
 * of the deal, from {@link DealContactLinks}. Wraps the reader of the CRM list family and leaves
 * every other stream alone.
 *
 * <p>While streaming: the deal rows of one keyset request (up to 2,500) are held back until the
 * pager's checkpoint after that request, then one extra request fetches the links of exactly
 * those deals ({@code @id} lists), the rows are written with their contacts, and only then the
 * checkpoint's STATE. A run killed in between resumes before those deals, so none is written
 * without its contacts. Cost: one request per request of the deals scan, at most 1 per 2,500 deals.
 */
public final class DealContactsEnricher implements StreamReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final StreamReader inner;
    private final DealContactLinks links;

    DealContactsEnricher(StreamReader inner, DealContactLinks links) {
        this.inner = inner;
        this.links = links;
    }

    @Override
    public boolean supportsIncremental() {
        return inner.supportsIncremental();
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        inner.read(plan, bookmark, enriches(plan.spec()) ? new Enriching(plan.name(), out) : out);
    }

    /** Only crm.deal.list needs it: crm.item.list returns {@code contactIds} itself when selected. */
    static boolean enriches(StreamSpec spec) {
        return spec.method().equals("crm.deal.list");
    }

    /** Holds a request's rows back until its checkpoint, then writes them with their contacts. */
    private final class Enriching implements StreamOutput {
        private final String stream;
        private final StreamOutput out;
        private final List<ObjectNode> pending = new ArrayList<>();

        Enriching(String stream, StreamOutput out) {
            this.stream = stream;
            this.out = out;
        }

        @Override
        public void rows(JsonNode rows, Predicate<JsonNode> keep) {
            for (JsonNode row : rows) {
                if (keep.test(row) && row instanceof ObjectNode o) {
                    pending.add(o);
                }
            }
        }

        @Override
        public void checkpoint(StreamBookmark bookmark) {
            if (out.checkpointsEveryPage() && pending.size() < DealChildrenReader.MIN_DEALS_PER_FETCH) {
                return; // a page checkpoint: wait for enough deals to make the contact request worth it
            }
            flush();
            out.checkpoint(bookmark);
        }

        @Override
        public boolean checkpointsEveryPage() {
            return out.checkpointsEveryPage();
        }

        @Override
        public void complete(StreamBookmark bookmark) {
            flush();
            out.complete(bookmark);
        }

        @Override
        public PortalOffset portalOffset() {
            return out.portalOffset();
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Long> ids = new ArrayList<>(pending.size());
            pending.forEach(r -> ids.add(RowIds.of(r, "ID")));
            Map<Long, ArrayNode> contacts = links.of(stream, ids);
            ArrayNode rows = F.arrayNode();
            for (ObjectNode row : pending) {
                ArrayNode c = contacts.get(RowIds.of(row, "ID"));
                if (c != null) {
                    row.set(StreamRegistry.DEAL_CONTACT_IDS, c);
                }
                rows.add(row);
            }
            pending.clear();
            out.rows(rows, r -> true);
        }
    }
}
