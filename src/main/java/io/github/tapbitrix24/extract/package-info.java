/**
 * The sync run and the contracts its parts implement: {@link io.github.tapbitrix24.extract.SyncRunner}
 * makes each selected stream a lane of the {@link io.github.tapbitrix24.extract.scheduler.Scheduler}
 * (docs/scheduler.md), plans it ({@link io.github.tapbitrix24.extract.StreamPlanner},
 * {@link io.github.tapbitrix24.extract.StreamPlan}), picks its {@link io.github.tapbitrix24.extract.StreamReader}
 * from the {@link io.github.tapbitrix24.extract.ReaderRegistry}, writes through
 * {@link io.github.tapbitrix24.extract.StreamOutput} ({@link io.github.tapbitrix24.extract.SingerStreamOutput}),
 * feeds each stream's followers (the selected child streams whose spec names it as parent and whose
 * bookmarks allow, {@link io.github.tapbitrix24.extract.children.ChildFollower}) the keys its scan reads, and reports
 * ({@link io.github.tapbitrix24.extract.StreamSummary}, {@link io.github.tapbitrix24.extract.RunProgress}).
 *
 * <p>May import every {@code extract} sub-package, {@code bitrix}, {@code config}, {@code schema},
 * {@code singer}, {@code streams}. The sub-packages import back only the contracts ({@code StreamReader},
 * {@code StreamOutput}, {@code StreamPlan}, {@code StreamSummary}, {@code StreamUnavailableException},
 * {@code ReaderRegistry}), never the runner: the one package cycle here, kept because the contracts
 * and the runner that wires their implementations belong together.
 */
package io.github.tapbitrix24.extract;
