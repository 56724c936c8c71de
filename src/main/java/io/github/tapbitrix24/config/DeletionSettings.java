package io.github.tapbitrix24.config;

/**
 * The deletion-detection settings (README, "Deleted records"; defaults in schemas/config.schema.json).
 *
 * @param detect                {@code detect_deletions}: sweep the IDs of incremental entity streams and mark vanished ones
 * @param sweepIntervalHours    {@code deletion_sweep_interval_hours}: 0 = every run, N = the first run after each
 *                              multiple of N hours (counted from 1970-01-01 UTC) since the last complete sweep
 * @param maxFraction           {@code max_deletion_fraction}: a sweep finding more than this share of a stream's
 *                              IDs gone marks nothing until confirmed
 * @param confirmedMassDeletion {@code confirm_mass_deletion}: a mass vanish of at most this many IDs is applied
 */
public record DeletionSettings(boolean detect, int sweepIntervalHours, double maxFraction, long confirmedMassDeletion) {
    public static final double DEFAULT_MAX_FRACTION = 0.05;

    public DeletionSettings {
        if (sweepIntervalHours < 0 || maxFraction < 0 || maxFraction > 1 || confirmedMassDeletion < 0) {
            throw new IllegalArgumentException("deletion settings out of range: " + sweepIntervalHours + " h, "
                    + maxFraction + ", " + confirmedMassDeletion);
        }
    }

    /** Detection off (the default). */
    public static DeletionSettings off() {
        return new DeletionSettings(false, 0, DEFAULT_MAX_FRACTION, 0);
    }

    /** Detection on, every run, the default guard. */
    public static DeletionSettings everyRun() {
        return new DeletionSettings(true, 0, DEFAULT_MAX_FRACTION, 0);
    }
}
