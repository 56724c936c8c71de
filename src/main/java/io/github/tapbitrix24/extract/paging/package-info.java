/**
 * Paging dialects and calls: the keyset batch pager ({@link io.github.tapbitrix24.extract.paging.KeysetPager})
 * and the list dialects it speaks ({@link io.github.tapbitrix24.extract.paging.ListDialect}), the readers built
 * on it ({@link io.github.tapbitrix24.extract.paging.KeysetStreamReader} with its window self-check
 * {@link io.github.tapbitrix24.extract.paging.WindowProbe}, {@link io.github.tapbitrix24.extract.paging.IdWindowReader},
 * {@link io.github.tapbitrix24.extract.paging.OffsetPagedReader}), and the call plumbing every reader shares:
 * single calls and batches with their retries ({@link io.github.tapbitrix24.extract.paging.StreamCalls}),
 * and queued per-parent sub-calls ({@link io.github.tapbitrix24.extract.paging.SubCallQueue}).
 *
 * <p>May import {@code extract.state}, the contracts of {@code extract.spi}, {@code bitrix}, {@code streams};
 * never {@code extract.children}, {@code extract.readers} or the runner.
 */
package io.github.tapbitrix24.extract.paging;
