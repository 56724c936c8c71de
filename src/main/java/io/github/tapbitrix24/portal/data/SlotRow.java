package io.github.tapbitrix24.portal.data;

import java.util.Arrays;
import tools.jackson.databind.JsonNode;

/**
 * One row's values by schema position, reused from row to row of a page: a {@code String}, the
 * {@link #NULL} marker, or a {@link JsonNode} (nested objects and arrays); {@code null} = absent.
 * Codes outside the schema are dropped, exactly as {@code methods.CrmMethods.project} drops them.
 */
public final class SlotRow extends Row {
    public static final Object NULL = new Object();

    private final EntitySchema schema;
    private final Object[] values;

    public SlotRow(EntitySchema schema) {
        this.schema = schema;
        this.values = new Object[schema.fields.size()];
    }

    public void clear() {
        Arrays.fill(values, null);
        ordinal = 0;
    }

    public Object get(int position) {
        return values[position];
    }

    /*
     * A generator puts the same codes in the same order on every row, so the n-th put of this row
     * usually has the n-th code of the previous one (the same String instance): its position is
     * remembered by ordinal, and the schema's hash map is asked only when the sequence changes.
     */
    private String[] seenCodes = new String[128];
    private int[] seenPositions = new int[128];
    private int ordinal;

    private void store(String code, Object v) {
        int n = ordinal++;
        int p;
        if (n < seenCodes.length && seenCodes[n] == code) {
            p = seenPositions[n];
        } else if (n + 1 < seenCodes.length && seenCodes[n + 1] == code) {
            p = seenPositions[n + 1]; // the previous row had one more field here (e.g. a file): resync
            ordinal = n + 2;
        } else if (n > 0 && seenCodes[n - 1] == code) {
            p = seenPositions[n - 1]; // this row has one more field than the previous one
            ordinal = n;
        } else {
            p = schema.position(code);
            if (n >= seenCodes.length) {
                seenCodes = Arrays.copyOf(seenCodes, n * 2);
                seenPositions = Arrays.copyOf(seenPositions, n * 2);
            }
            seenCodes[n] = code;
            seenPositions[n] = p;
        }
        if (p >= 0) {
            values[p] = v;
        }
    }

    @Override
    void put(String code, String value) {
        store(code, value == null ? NULL : value); // as ObjectNode.put stores a null string
    }

    @Override
    void putNull(String code) {
        store(code, NULL);
    }

    @Override
    void set(String code, JsonNode value) {
        store(code, value == null ? NULL : value);
    }
}
