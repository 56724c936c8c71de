/**
 * A simulated Bitrix24 portal over real loopback HTTP, for {@code --demo}, the tests and the benchmark.
 * Stands alone: it imports no other package of the tap.
 *
 * <p>Entry points: {@link io.github.tapbitrix24.portal.PortalSimulator#start(PortalOptions)},
 * {@link io.github.tapbitrix24.portal.Demo#startDemo()}, {@link io.github.tapbitrix24.portal.PortalMain}.
 * Facts it reproduces come from {@code /work/shared/bitrix24-api.md} and the official docs
 * ({@code bitrix24/b24restdocs}); choices where the docs are silent:
 * <ul>
 *   <li>a wrong webhook token answers 401 {@code INVALID_CREDENTIALS} "Invalid request credentials",
 *       a path without user/token 401 {@code NO_AUTH_FOUND} "Wrong authorization data", a missing scope
 *       401 {@code insufficient_scope} (D:_includes/system-errors.md);</li>
 *   <li>a batch reference that does not resolve (e.g. {@code [49]} of a short page) fails that
 *       sub-command with {@code INVALID_ARG_VALUE};</li>
 *   <li>{@code user.get} without {@code ADMIN_MODE} hides fired and extranet users;</li>
 *   <li>boolean custom fields are {@code "1"}/{@code "0"} in old list methods and {@code "Y"}/{@code "N"} in crm.item.list;
 *       an empty single file field is absent from the row.</li>
 * </ul>
 */
package io.github.tapbitrix24.portal;
