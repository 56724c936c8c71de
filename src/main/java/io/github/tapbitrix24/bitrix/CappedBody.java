package io.github.tapbitrix24.bitrix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A response body read whole, up to a cap, before anything parses it. Parsed as it arrives, an
 * over-cap answer of small rows became a JSON tree several times the cap before the cap was reached
 * (16 MB of rows filled the launcher's 200 MB heap); read first, it costs at most the cap in raw
 * bytes and is dropped unparsed. The bytes sit in fixed-size chunks, so growing never copies them.
 */
final class CappedBody {
    private static final int CHUNK = 64 << 10;

    private CappedBody() {
    }

    /**
     * The whole body of {@code capped} as a stream over memory; {@link CappedInputStream.TooLarge} as
     * soon as it passes its cap (the chunks read so far are then garbage).
     */
    static InputStream read(CappedInputStream capped) throws IOException {
        List<InputStream> chunks = new ArrayList<>();
        while (true) {
            byte[] chunk = new byte[CHUNK];
            int filled = capped.readNBytes(chunk, 0, CHUNK);
            if (filled > 0) {
                chunks.add(new ByteArrayInputStream(chunk, 0, filled));
            }
            if (filled < CHUNK) {
                return new SequenceInputStream(Collections.enumeration(chunks));
            }
        }
    }
}
