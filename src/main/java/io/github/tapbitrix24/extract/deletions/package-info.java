/**
 * Deletion detection ({@code detect_deletions}; README, "Deleted records"): Bitrix24's list methods
 * never show a deleted record, so the tap compares the IDs a stream has now with the IDs it had at
 * the previous complete comparison, kept compactly in STATE ({@link io.github.tapbitrix24.extract.deletions.IdSet}),
 * and writes each vanished ID as a RECORD with the key and {@code _sdc_deleted_at}.
 *
 * <ul>
 *   <li>{@link io.github.tapbitrix24.extract.deletions.EntitySweeper}: incremental entity streams, by an
 *       ID-only keyset read after the stream's own read.</li>
 *   <li>{@link io.github.tapbitrix24.extract.deletions.ChildIdsOutput}: deal children, by the IDs a read of
 *       every deal's children wrote.</li>
 *   <li>{@link io.github.tapbitrix24.extract.deletions.Vanished}: the comparison and its safety rules
 *       (baseline, mass-vanish guard); {@link io.github.tapbitrix24.extract.deletions.SweepLedger}: the
 *       STATE entry; {@link io.github.tapbitrix24.extract.deletions.DeletionMarks}: the RECORDs and the
 *       SCHEMA column.</li>
 * </ul>
 *
 * <p>May import {@code extract.paging} (the pager), {@code extract.state}, the contracts of {@code extract.spi}
 * (plans, outputs), {@code bitrix}, {@code config}, {@code streams}; nothing imports it but the runner.
 */
package io.github.tapbitrix24.extract.deletions;
