/**
 * The contract between the sync run and the readers (a service-provider interface): what a reader
 * reads ({@link io.github.tapbitrix24.extract.spi.StreamPlan}), what it is
 * ({@link io.github.tapbitrix24.extract.spi.StreamReader}), where it writes rows and positions
 * ({@link io.github.tapbitrix24.extract.spi.StreamOutput}), how it says a stream is not served
 * ({@link io.github.tapbitrix24.extract.spi.StreamUnavailableException}), what a read cost
 * ({@link io.github.tapbitrix24.extract.spi.StreamSummary}), and the small streams' first calls
 * sent together when a run starts ({@link io.github.tapbitrix24.extract.spi.PrefetchedCalls}), which
 * a reader offers through {@code StreamReader.firstCall}.
 *
 * <p>May import {@code extract.state} (bookmarks, the portal's offset), {@code bitrix}, {@code streams};
 * imported by the runner ({@code extract}) and every reader package, never importing them back.
 */
package io.github.tapbitrix24.extract.spi;
