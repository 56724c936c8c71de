package io.github.tapbitrix24.extract.state;

import java.time.Duration;

/**
 * How far before the server's scan-start time the next window begins (docs/incremental.md).
 *
 * <p>Modification keys ({@code DATE_MODIFY}, {@code updatedTime}, {@code LAST_UPDATED},
 * {@code TIMESTAMP_X}, {@code CREATED}…): a record's timestamp is written when its update begins,
 * and the new row becomes visible only when that update commits. A REST call may run at most 60 s
 * in the cloud (D:limits.md); five minutes leaves room for slower background writers such as
 * automation rules and imports.
 *
 * <p>{@code CALL_START_DATE}: a statistics row is written when the call <em>ends</em>, carrying the
 * time it <em>started</em>, so a call that was running while a scan began appears later with a key
 * older than the scan start (D:api-reference/telephony/voximplant/voximplant-statistic-get.md).
 * A day covers any call and the late recording/rating updates bitrix24-api.md §6.14 warns about.
 */
public final class Lookback {
    public static final Duration MODIFICATION = Duration.ofMinutes(5);
    public static final Duration CALL_START = Duration.ofDays(1);

    private Lookback() {
    }

    public static Duration forKey(String replicationKey) {
        return "CALL_START_DATE".equals(replicationKey) ? CALL_START : MODIFICATION;
    }
}
