package io.github.tapbitrix24.extract.readers;

import io.github.tapbitrix24.extract.spi.StreamOutput;
import io.github.tapbitrix24.extract.spi.StreamPlan;
import io.github.tapbitrix24.extract.spi.StreamReader;
import io.github.tapbitrix24.extract.state.PortalOffset;
import io.github.tapbitrix24.extract.state.RowIds;
import io.github.tapbitrix24.extract.state.StreamBookmark;
import io.github.tapbitrix24.streams.ListApi;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code contact_companies} and {@code company_contacts}: the links between contacts and
 * companies, without a request per record. crm.contact.company.items.get answers for one contact
 * (D:api-reference/crm/contacts/company/crm-contact-company-items-get.md); crm.item.list instead
 * returns {@code companyIds} on contacts and {@code contactIds} on companies
 * (D:api-reference/crm/universal/object-fields.md), so a keyset scan of the owners with
 * {@code select [id, companyIds]} (2,500 owners per request) gives every link, one record per
 * (owner, linked ID) with its position in the array as {@code SORT}. Full table: linking a company
 * is not documented to move the contact's {@code updatedTime}, so a window could miss a link.
 */
public final class LinksReader implements StreamReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** How one owner type names its links. */
    private record Shape(String ownerKey, String itemField, String linkedKey) {
    }

    private final StreamReader keyset;

    /** @param keyset the keyset reader of crm.item.list */
    public LinksReader(StreamReader keyset) {
        this.keyset = keyset;
    }

    @Override
    public void read(StreamPlan plan, StreamBookmark bookmark, StreamOutput out) {
        StreamSpec spec = plan.spec();
        Shape shape = shape(spec.fixedParams().path("entityTypeId").asInt());
        StreamSpec owners = new StreamSpec(spec.name(), spec.scope(), ListApi.CRM_ITEM_LIST, spec.method(),
                spec.fixedParams(), null, null, "id", List.of("id"), List.of(), null);
        StreamPlan scan = new StreamPlan(owners, List.of("id", shape.itemField()), null, F.objectNode(),
                plan.startDate());
        keyset.read(scan, bookmark, new LinkRows(out, shape));
    }

    private static Shape shape(int entityTypeId) {
        if (entityTypeId == StreamRegistry.CONTACT_TYPE_ID) {
            return new Shape("CONTACT_ID", "companyIds", "COMPANY_ID");
        }
        if (entityTypeId == StreamRegistry.COMPANY_TYPE_ID) {
            return new Shape("COMPANY_ID", "contactIds", "CONTACT_ID");
        }
        throw new IllegalArgumentException("no contact/company links for entity type " + entityTypeId);
    }

    /** Turns owner rows into link rows; positions pass through unchanged. */
    private record LinkRows(StreamOutput out, Shape shape) implements StreamOutput {
        @Override
        public void rows(JsonNode rows, Predicate<JsonNode> keep) {
            ArrayNode links = F.arrayNode();
            for (JsonNode owner : rows) {
                if (!keep.test(owner)) {
                    continue;
                }
                long ownerId = RowIds.of(owner, "id");
                int sort = 0;
                for (JsonNode linked : owner.path(shape.itemField()).values()) {
                    ObjectNode link = links.addObject();
                    link.put(shape.ownerKey(), ownerId);
                    link.put(shape.linkedKey(), linked.asLong());
                    link.put("SORT", sort++);
                }
            }
            out.rows(links, r -> true);
        }

        @Override
        public void checkpoint(StreamBookmark bookmark) {
            out.checkpoint(bookmark);
        }

        @Override
        public void complete(StreamBookmark bookmark) {
            out.complete(bookmark);
        }

        @Override
        public PortalOffset portalOffset() {
            return out.portalOffset();
        }
    }
}
