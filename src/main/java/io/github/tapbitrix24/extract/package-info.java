/**
 * The sync run: {@link io.github.tapbitrix24.extract.SyncRunner}
 * makes each selected stream a lane of the {@link io.github.tapbitrix24.extract.scheduler.Scheduler}
 * (docs/scheduler.md), plans it ({@link io.github.tapbitrix24.extract.StreamPlanner},
 * {@link io.github.tapbitrix24.extract.spi.StreamPlan}), picks its {@link io.github.tapbitrix24.extract.spi.StreamReader}
 * from the {@link io.github.tapbitrix24.extract.ReaderRegistry}, writes through
 * {@link io.github.tapbitrix24.extract.spi.StreamOutput} ({@link io.github.tapbitrix24.extract.SingerStreamOutput}),
 * feeds each stream's followers (the selected child streams whose spec names it as parent and whose
 * bookmarks allow, {@link io.github.tapbitrix24.extract.children.ChildFollower}) the keys its scan reads, and reports
 * ({@link io.github.tapbitrix24.extract.spi.StreamSummary}, {@link io.github.tapbitrix24.extract.RunProgress}).
 *
 * <p>May import every {@code extract} sub-package, {@code bitrix}, {@code config}, {@code schema},
 * {@code singer}, {@code streams}; no sub-package imports it (the readers know only the contracts
 * of {@code extract.spi}), so the packages of {@code extract} form no cycle.
 */
package io.github.tapbitrix24.extract;
