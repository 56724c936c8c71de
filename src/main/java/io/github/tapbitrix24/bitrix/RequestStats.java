package io.github.tapbitrix24.bitrix;

/** Monotonic counters of what a client has sent, for METRIC lines, tests and the benchmark. */
public record RequestStats(long httpRequests, long batchSubCommands, long retries) {
}
