/**
 * Bookmarks, windows and STATE: what a stream's resume position is and how it is read and written
 * ({@link io.github.tapbitrix24.extract.state.StreamBookmark}, {@link io.github.tapbitrix24.extract.state.SyncState},
 * {@link io.github.tapbitrix24.extract.state.BookmarkValues}, {@link io.github.tapbitrix24.extract.state.SettledIdBookmark}),
 * the incremental window's lookback ({@link io.github.tapbitrix24.extract.state.Lookback}) and the portal's
 * time and offset ({@link io.github.tapbitrix24.extract.state.PortalTime},
 * {@link io.github.tapbitrix24.extract.state.PortalOffset}); docs/incremental.md gives the argument.
 * Pure values and functions of rows: no calls. May import {@code bitrix} values only; nothing else in
 * {@code extract}, so every other part can build on it.
 */
package io.github.tapbitrix24.extract.state;
