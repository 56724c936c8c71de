package io.github.tapbitrix24.extract;

import io.github.tapbitrix24.extract.spi.StreamSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamSummaryTest {

    @Test
    void theSummaryLineCountsInGoodEnglish() {
        assertEquals("deals: 1 record, 1 HTTP request (1 command), 0.2 s",
                new StreamSummary("deals", 1, 1, 1, Duration.ofMillis(200), null).line());
        assertEquals("deals: 0 records, 2 HTTP requests (51 commands), 1.0 s",
                new StreamSummary("deals", 0, 2, 51, Duration.ofSeconds(1), null).line());
    }
}
