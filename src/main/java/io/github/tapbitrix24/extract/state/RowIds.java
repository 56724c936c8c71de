package io.github.tapbitrix24.extract.state;

import tools.jackson.databind.JsonNode;

/** Reads a row's ID, which old CRM methods send as a string ({@code "37"}) and crm.item.* as a number. */
public final class RowIds {
    private RowIds() {
    }

    /** The ID as a long; fails loudly when it is missing, since keyset paging cannot continue without it. */
    public static long of(JsonNode row, String idField) {
        JsonNode id = row.get(idField);
        if (id != null) {
            if (id.isIntegralNumber()) {
                return id.asLong();
            }
            if (id.isString()) {
                try {
                    return Long.parseLong(id.asString().trim());
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
            }
        }
        throw new IllegalStateException("row without a numeric " + idField + ": keyset paging needs it");
    }
}
