/**
 * The sync loop (docs/scheduler.md): every stream's read, child fetch and deletion sweep is a
 * {@link io.github.tapbitrix24.extract.scheduler.Lane} running plain reader code on a thread of its
 * own, one lane at a time ({@link io.github.tapbitrix24.extract.scheduler.Baton}); a lane parks on
 * each API request, and the {@link io.github.tapbitrix24.extract.scheduler.Scheduler} packs the
 * parked requests into shared {@code batch} requests ({@link io.github.tapbitrix24.extract.scheduler.SharedBatch}),
 * skipping methods paused over their operating-time budget and sleeping only when every lane waits.
 * Readers see it as an ordinary {@link io.github.tapbitrix24.bitrix.BitrixApi}
 * ({@link io.github.tapbitrix24.extract.scheduler.LaneApi}) and {@link io.github.tapbitrix24.bitrix.Sleeper}.
 *
 * <p>Owns: lanes, their hand-over, request packing and pacing across streams. Knows nothing of
 * streams, Singer or state: the runner gives it lanes as names and bodies.
 *
 * <p>May import {@code bitrix} only (the API, its values and the sleeper); imported by the runner
 * and the per-parent children of {@code extract}.
 */
package io.github.tapbitrix24.extract.scheduler;
