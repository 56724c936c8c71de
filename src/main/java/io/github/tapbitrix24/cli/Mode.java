package io.github.tapbitrix24.cli;

/**
 * One thing the tap does per run (about, test, discover, sync, demo). {@link TapCommand} picks
 * exactly one in {@code TapCommand#mode} and maps what it throws to exit codes:
 * {@link io.github.tapbitrix24.config.ConfigException} and {@link UsageError} → 2,
 * {@link io.github.tapbitrix24.bitrix.BitrixException} and anything else → 1.
 */
@FunctionalInterface
public interface Mode {
    /** Runs the mode; returns the exit code (0 on success). */
    int run() throws Exception;
}
