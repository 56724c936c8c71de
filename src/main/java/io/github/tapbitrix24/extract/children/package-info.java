/**
 * Per-parent children of deals (docs/children.md): {@link io.github.tapbitrix24.extract.children.DealChildrenReader}
 * reads them for the deals it is given, one {@link io.github.tapbitrix24.extract.children.DealChildFetcher} per child
 * stream ({@link io.github.tapbitrix24.extract.children.ProductRowsFetcher},
 * {@link io.github.tapbitrix24.extract.children.CommentsFetcher}); riding along a deal read,
 * {@link io.github.tapbitrix24.extract.children.ChildrenOutput} hands each page's deals to the
 * {@link io.github.tapbitrix24.extract.children.ChildFollower}s, whose fetches run as follower lanes of the
 * scheduler while the parent scans on, and orders their STATE; the deal-contact
 * links ({@link io.github.tapbitrix24.extract.children.DealContactLinks},
 * {@link io.github.tapbitrix24.extract.children.DealContactsEnricher}) and the periodic full re-read
 * ({@link io.github.tapbitrix24.extract.children.FullRefreshSchedule}).
 *
 * <p>May import {@code extract.paging}, {@code extract.state}, {@code extract.scheduler}, the contracts of {@code extract.spi}, {@code bitrix},
 * {@code config}, {@code streams}; never {@code extract.readers} or the runner.
 */
package io.github.tapbitrix24.extract.children;
