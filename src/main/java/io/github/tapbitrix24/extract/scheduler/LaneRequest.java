package io.github.tapbitrix24.extract.scheduler;

import io.github.tapbitrix24.bitrix.BatchCommand;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** What a parked lane waits for. */
sealed interface LaneRequest {

    /**
     * Sub-calls to send: the first {@code atLeast} together, the rest as far as they fit (a prefix
     * is cut from the end, never from the middle: a keyset chain references earlier keys).
     * {@code streamed}: the lane reads the answer page by page; when the request goes alone, the
     * lane sends it itself ({@link Scheduler#SEND_ALONE}).
     */
    record Batch(List<BatchCommand> commands, int atLeast, boolean streamed) implements LaneRequest {
        /** A request whose answer the lane reads whole. */
        Batch(List<BatchCommand> commands, int atLeast) {
            this(commands, atLeast, false);
        }

        public Batch {
            if (commands.isEmpty() || atLeast < 1 || atLeast > commands.size()) {
                throw new IllegalArgumentException("a batch request needs 1 <= atLeast <= " + commands.size()
                        + " commands, got " + atLeast);
            }
        }
    }

    /** One plain call, sent on its own. */
    record Call(String method, ObjectNode params) implements LaneRequest {
    }

    /** The lane goes on when every one of {@code lanes} has ended (lanes it started, see {@link Scheduler#start}). */
    record Join(List<Lane> lanes) implements LaneRequest {
    }

    /** A back-off: the lane goes on at {@code until}, while others use the time. */
    record Wait(Instant until) implements LaneRequest {
    }
}
