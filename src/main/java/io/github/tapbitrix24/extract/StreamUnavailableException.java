package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.bitrix.BitrixErrorKind;
import io.github.tapbitrix24.bitrix.BitrixException;

/**
 * The portal will not serve a stream to this webhook (missing scope, module off, no rights):
 * the runner skips the stream with one stderr line and keeps its bookmark (bitrix24-api.md §4.3).
 */
public final class StreamUnavailableException extends RuntimeException {
    private final String stream;
    private final BitrixErrorKind kind;

    public StreamUnavailableException(String stream, BitrixException cause) {
        super("stream " + stream + " skipped: " + reason(cause), cause);
        this.stream = stream;
        this.kind = cause.kind();
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
    static RuntimeException wrapIfUnavailable(String stream, BitrixException e) {
        return isUnavailable(e) ? new StreamUnavailableException(stream, e) : e;
    }

    private static String reason(BitrixException e) {
        String what = switch (e.kind()) {
            case INSUFFICIENT_SCOPE -> "the webhook lacks the scope for " + e.method();
            case METHOD_NOT_FOUND -> e.method() + " does not exist on this portal (module off?)";
            case ACCESS_DENIED -> "the webhook user may not read " + e.method();
            default -> e.method() + " failed";
        };
        return what + " (" + e.code() + ": " + e.getMessage() + ")";
    }
}
