package io.github.tapbitrix24.bitrix;

/**
 * The {@code time} object of a response (or {@code result_time[key]} of a batch sub-call).
 * Every field is optional: the docs say its content "may vary by method and environment".
 *
 * @param operating        seconds this method used for this webhook in the last 10 minutes
 * @param operatingResetAt unix seconds when the oldest one-minute basket leaves the sum
 * @param dateStart        server time at the start of the request, ISO 8601 with the portal offset
 */
public record TimeInfo(Double start, Double finish, Double duration, Double processing,
                       String dateStart, String dateFinish, Double operating, Long operatingResetAt) {
    public static final TimeInfo EMPTY = new TimeInfo(null, null, null, null, null, null, null, null);
}
