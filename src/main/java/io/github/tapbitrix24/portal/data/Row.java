package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a row generator puts its values. Two kinds: {@link Tree} builds an {@link ObjectNode} (filters,
 * sorting, mutations and the small lists need one), {@link SlotRow} keeps the values in a reusable
 * array by field position so a list page can be written straight to the response
 * ({@code methods.StreamedRows}). Generators are written once against this class, so both kinds hold the same
 * values by construction.
 */
abstract class Row {
    abstract void put(String code, String value);

    abstract void putNull(String code);

    abstract void set(String code, JsonNode value);

    /** {@code value}, or JSON null when it is null. */
    final void putNullable(String code, String value) {
        if (value == null) {
            putNull(code);
        } else {
            put(code, value);
        }
    }

    /** Builds a tree; keys keep the order in which the generator put them. */
    static final class Tree extends Row {
        final ObjectNode node = Json.object();

        @Override
        void put(String code, String value) {
            node.put(code, value);
        }

        @Override
        void putNull(String code) {
            node.putNull(code);
        }

        @Override
        void set(String code, JsonNode value) {
            node.set(code, value);
        }
    }
}
