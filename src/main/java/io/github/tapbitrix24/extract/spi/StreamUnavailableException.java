package io.github.tapbitrix24.extract.spi;

import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;

/**
 * The portal will not serve a stream to this webhook (missing scope, module off, no rights):
 * the runner skips the stream with one stderr line and keeps its bookmark (bitrix24-api.md §4.3).
 */
public final class StreamUnavailableException extends RuntimeException {
    private final String stream;
    private final BitrixErrorKind kind;
    private final String reason;

    public StreamUnavailableException(String stream, BitrixException cause) {
        this(stream, cause, reason(cause));
    }

    private StreamUnavailableException(String stream, BitrixException cause, String reason) {
        super("stream " + stream + " skipped: " + reason, cause);
        this.stream = stream;
        this.kind = cause.kind();
        this.reason = reason;
    }

    /** Why, in the client's words (which scope or module is missing). */
    public String reason() {
        return reason;
    }

    public String stream() {
        return stream;
    }

    public BitrixErrorKind kind() {
        return kind;
    }

    /** True for the failures that mean "this stream is not available here", not "the run failed". */
    public static boolean isUnavailable(BitrixException e) {
        return e.kind() == BitrixErrorKind.INSUFFICIENT_SCOPE
                || e.kind() == BitrixErrorKind.METHOD_NOT_FOUND
                || e.kind() == BitrixErrorKind.ACCESS_DENIED;
    }

    /** The unavailable-stream exception for such failures; the failure itself otherwise. */
    public static RuntimeException wrapIfUnavailable(String stream, BitrixException e) {
        return isUnavailable(e) ? new StreamUnavailableException(stream, e) : e;
    }

    /**
     * For a stream's own list or fields call: {@code NOT_FOUND} there means the object the stream
     * reads is gone (a smart process deleted since the catalog was made: crm.item.list and
     * crm.item.fields answer "Smart process not found"), so the stream is skipped like an
     * unavailable one. Other failures as {@link #wrapIfUnavailable}.
     */
    public static RuntimeException wrapIfGoneOrUnavailable(String stream, BitrixException e) {
        if ("NOT_FOUND".equals(e.code())) {
            return new StreamUnavailableException(stream, e, reason(e)
                    + "; the portal no longer has it (deleted since the catalog was made? run --discover again)");
        }
        return wrapIfUnavailable(stream, e);
    }

    private static String reason(BitrixException e) {
        // The client's messages already say what is missing and what to do (scope name, module).
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.kind() + " on " + e.method() : m;
    }
}
