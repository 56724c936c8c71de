package io.github.tapbitrix24.bitrix;

import java.util.List;

/** Sub-results in the order the commands were given. */
public record BatchResult(List<SubResult> results) {
    public SubResult get(String key) {
        for (SubResult r : results) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no batch command with key " + key);
    }

    /** Hands every successful sub-result to {@code consumer}, in order (an answer read whole, handed out afterwards). */
    public BatchResult handTo(SubResultConsumer consumer) {
        for (SubResult r : results) {
            if (r.ok()) {
                consumer.accept(r.key(), r.result());
            }
        }
        return this;
    }
}
