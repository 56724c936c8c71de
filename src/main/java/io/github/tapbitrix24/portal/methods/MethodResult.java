package io.github.tapbitrix24.portal.methods;

import tools.jackson.databind.JsonNode;

/** What a method produced: {@code result}, optional {@code next}/{@code total}, and its simulated cost in seconds. */
public record MethodResult(JsonNode result, Integer next, Integer total, double cost) {
}
