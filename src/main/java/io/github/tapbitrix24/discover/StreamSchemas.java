package io.github.tapbitrix24.discover;

import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.schema.FieldDescriptor;
import io.github.tapbitrix24.schema.SchemaBuilder;
import io.github.tapbitrix24.singer.CatalogEntry;
import io.github.tapbitrix24.singer.StreamMetadata;
import io.github.tapbitrix24.streams.FixedSchemas;
import io.github.tapbitrix24.streams.StreamRegistry;
import io.github.tapbitrix24.streams.StreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A stream's schema (from live field metadata or its fixed file) and its catalog entry. */
final class StreamSchemas {
    private static final Logger LOG = Logger.getLogger(StreamSchemas.class.getName());

    private final TapConfig config;

    StreamSchemas(TapConfig config) {
        this.config = config;
    }

    /** @param fields the live field metadata for dynamic streams, else ignored */
    CatalogEntry entry(StreamSpec spec, List<FieldDescriptor> fields) {
        ObjectNode schema;
        if (spec.dynamicSchema()) {
            schema = SchemaBuilder.objectSchema(adjust(spec, fields));
            SchemaBuilder.requireKeys(schema, spec.keyProperties());
        } else {
            schema = FixedSchemas.load(spec);
        }
        return entry(spec, schema);
    }

    /** The entry of a stream whose schema the caller built. */
    CatalogEntry entry(StreamSpec spec, ObjectNode schema) {
        return StreamMetadata.entry(spec.name(), schema, spec.keyProperties(), replicationKeys(spec, schema),
                spec.parent());
    }

    /**
     * {@code CONTACT_IDS} is in crm.deal.fields but crm.deal.list never returns it
     * (D:api-reference/crm/deals/crm-deal-fields.md): announce it only when extract_deal_contacts
     * fills it, always as an array of contact IDs.
     */
    private List<FieldDescriptor> adjust(StreamSpec spec, List<FieldDescriptor> fields) {
        if (spec.name().equals("tasks")) {
            return TaskFields.adjust(fields);
        }
        if (spec.name().equals("contacts")) {
            return withoutContactCompanyIds(fields);
        }
        if (!spec.name().equals("deals")) {
            return fields;
        }
        List<FieldDescriptor> out = new ArrayList<>();
        String label = "Contacts";
        for (FieldDescriptor f : fields) {
            if (f.id().equals(StreamRegistry.DEAL_CONTACT_IDS)) {
                label = f.label() != null ? f.label() : label;
            } else {
                out.add(f);
            }
        }
        if (config.extractDealContacts()) {
            out.add(FieldDescriptor.of(StreamRegistry.DEAL_CONTACT_IDS, "crm_contact", true, label));
        }
        return out;
    }

    /**
     * {@code COMPANY_IDS} is in crm.contact.fields (D:api-reference/crm/contacts/crm-contact-fields.md)
     * but crm.contact.list does not return it: the list's example never shows it and replayed real
     * answers left it empty in every record (issue 12). The links are read per contact
     * (crm.contact.company.items.get), which the tap does not do, so the field is left out rather
     * than announced and always empty. COMPANY_ID (the contact's main company) stays.
     */
    private static List<FieldDescriptor> withoutContactCompanyIds(List<FieldDescriptor> fields) {
        List<FieldDescriptor> out = new ArrayList<>();
        for (FieldDescriptor f : fields) {
            if (!f.id().equals("COMPANY_IDS")) {
                out.add(f);
            }
        }
        return out;
    }

    /** The stream's valid keys that its schema holds; a missing one is dropped with a note (never silently). */
    private static List<String> replicationKeys(StreamSpec spec, ObjectNode schema) {
        JsonNode props = schema.get("properties");
        List<String> keys = new ArrayList<>();
        for (String k : spec.replicationKeys()) {
            if (props != null && props.has(k)) {
                keys.add(k);
            } else {
                LOG.warning(() -> "stream " + spec.name() + ": the portal's field list has no " + k
                        + (spec.replicationKeys().size() > 1 ? "; it is not offered as replication key"
                        : "; the stream is FULL_TABLE"));
            }
        }
        return keys;
    }
}
