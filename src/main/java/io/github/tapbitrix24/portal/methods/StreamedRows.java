package io.github.tapbitrix24.portal.methods;

import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.data.FieldDef;
import io.github.tapbitrix24.portal.data.SlotRow;
import io.github.tapbitrix24.portal.data.Table;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * A list page that is written straight to the response: each row is generated into one reused
 * {@link SlotRow} and written field by field with the response's {@link JsonGenerator}, so no
 * {@link ObjectNode} tree is built for it (a 50-command batch of deal pages is 2,500 rows of ~80
 * fields). The output equals {@code [project(t.row(idx, wanted), select), ...]} key for key
 * (PortalStreamingTest proves it). Rows are generated while the response is serialised, which the
 * portal does under the data lock, so they see the same data as the query that picked them.
 *
 * <p>Batch references ({@code $result[p0][49][ID]}) read the ID from the row index, without
 * generating the row; any other field generates that one row ({@link #reference}).
 */
public final class StreamedRows extends JacksonSerializable.Base {
    private final Table table;
    private final int[] rows;
    private final List<FieldDef> select;
    private final Set<String> wanted;
    private final int[] positions;
    private final SerializedString[] names;

    StreamedRows(Table table, int[] rows, List<FieldDef> select, Set<String> wanted) {
        this.table = table;
        this.rows = rows;
        this.select = select;
        this.wanted = wanted;
        this.positions = new int[select.size()];
        this.names = new SerializedString[select.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = table.schema.position(select.get(i).code());
            names[i] = new SerializedString(select.get(i).code()); // keys are half the bytes: encode them once
        }
    }

    /** The page as a node for a {@code result}: serialises through {@link #serialize}. */
    JsonNode node() {
        return Json.F.pojoNode(this);
    }

    /** The streamed page behind a result node, or null when the node is an ordinary one. */
    public static StreamedRows of(JsonNode node) {
        return node instanceof POJONode p && p.getPojo() instanceof StreamedRows s ? s : null;
    }

    int size() {
        return rows.length;
    }

    /** Row {@code i} as the tree the non-streamed path would have built (used for references only). */
    ObjectNode row(int i) {
        return CrmMethods.project(table.row(rows[i], wanted), select);
    }

    /**
     * Follows the path after {@code $result[key]}: {@code [i][ID]} is the ID of the i-th row,
     * computed from its index; anything else walks row {@code i}'s tree. Null when it does not resolve.
     */
    public JsonNode reference(List<String> path) {
        if (path.isEmpty()) {
            return null;
        }
        int i;
        try {
            i = Integer.parseInt(path.get(0));
        } catch (NumberFormatException e) {
            return null;
        }
        if (i < 0 || i >= rows.length) {
            return null;
        }
        if (path.size() == 2 && path.get(1).equals(table.idCode) && wanted.contains(table.idCode)) {
            return Json.F.stringNode(Long.toString(Table.id(rows[i])));
        }
        JsonNode v = row(i);
        for (String k : path.subList(1, path.size())) {
            if (v == null) {
                return null;
            }
            v = v.isArray() ? index(v, k) : v.get(k);
        }
        return v;
    }

    private static JsonNode index(JsonNode array, String k) {
        try {
            return array.get(Integer.parseInt(k));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void serialize(JsonGenerator g, SerializationContext ctxt) {
        SlotRow slot = new SlotRow(table.schema);
        g.writeStartArray(this, rows.length);
        for (int idx : rows) {
            slot.clear();
            table.fill(idx, wanted, slot);
            g.writeStartObject();
            for (int i = 0; i < positions.length; i++) {
                int p = positions[i];
                Object v = p < 0 ? null : slot.get(p);
                if (v == null) {
                    continue; // absent, as project() leaves it out
                }
                g.writeName(names[i]);
                if (v instanceof String s) {
                    g.writeString(s);
                } else if (v == SlotRow.NULL) {
                    g.writeNull();
                } else {
                    ((JsonNode) v).serialize(g, ctxt);
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializationContext ctxt, tools.jackson.databind.jsontype.TypeSerializer ts) {
        serialize(g, ctxt);
    }
}
