/**
 * The small per-family readers, each a {@link io.github.tapbitrix24.extract.spi.StreamReader} for streams whose API
 * has a shape of its own: funnels and stages, currencies, requisite addresses, entity links, per-workgroup
 * lists, open lines and the {@code *_fields} metadata. Each is registered in the
 * {@link io.github.tapbitrix24.extract.ReaderRegistry}.
 *
 * <p>May import {@code extract.paging}, {@code extract.state}, the contracts of {@code extract.spi}, {@code bitrix},
 * {@code streams}; never {@code extract.children} or the runner.
 */
package io.github.tapbitrix24.extract.readers;
