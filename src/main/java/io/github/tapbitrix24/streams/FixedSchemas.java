package io.github.tapbitrix24.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of fixed-shape streams, kept in {@code schemas/<stream>.json} (shipped in the jar
 * under {@code /schemas/}). All {@code *_fields} metadata streams share {@code field_metadata.json}, all
 * product-row streams {@code product_rows.json}.
 */
public final class FixedSchemas {
    public static final String FIELD_METADATA = "field_metadata";
    public static final String PRODUCT_ROWS = "product_rows";
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private FixedSchemas() {
    }

    /** The file name (without {@code .json}) of a fixed-shape stream's schema. */
    public static String schemaName(StreamSpec spec) {
        if (spec.dynamicSchema()) {
            throw new IllegalArgumentException("stream " + spec.name() + " has a schema built from "
                    + spec.fieldsMethod() + ", not a fixed one");
        }
        if (spec.api() == ListApi.FIELD_METADATA) {
            return FIELD_METADATA;
        }
        // every owner's product rows are rows of crm.item.productrow.list, one shape
        return spec.method().equals(CrmStreams.PRODUCT_ROWS_METHOD) ? PRODUCT_ROWS : spec.name();
    }

    /** A fresh copy of the stream's fixed schema. */
    public static ObjectNode load(StreamSpec spec) {
        return load(schemaName(spec));
    }

    /** A fresh copy of {@code schemas/<name>.json}. */
    public static ObjectNode load(String name) {
        String path = "/schemas/" + name + ".json";
        try (InputStream in = FixedSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + path + " is missing from the build");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + path, e);
        }
    }
}
