/**
 * A simulated Bitrix24 portal over real loopback HTTP, for {@code --demo}, the tests and the benchmark.
 * Stands alone: it imports no other package of the tap.
 *
 * <p>Entry points: {@link io.github.tapbitrix24.portal.http.PortalSimulator#start(PortalOptions)},
 * {@link io.github.tapbitrix24.portal.http.Demo#startDemo()}, {@link io.github.tapbitrix24.portal.http.PortalMain}.
 *
 * <p>Layout, by concern; dependencies point one way, down this list:
 * <ul>
 *   <li>{@code portal.http}: the HTTP server, {@code batch}, the PHP query string, the leaky bucket,
 *       injected faults, and the entry points;</li>
 *   <li>{@code portal.methods}: the REST methods (list semantics, filters, order, select), their
 *       simulated server time ({@code CostModel}), the per-method operating budget and the counters;</li>
 *   <li>{@code portal.data}: the generated portal: entity schemas and field definitions, tables of
 *       rows generated on demand, timelines, funnels and stages;</li>
 *   <li>this package: the vocabulary every layer shares and the tests and benchmark configure a portal
 *       with: {@link io.github.tapbitrix24.portal.PortalOptions}, {@link io.github.tapbitrix24.portal.PortalClock},
 *       {@link io.github.tapbitrix24.portal.Dataset}, {@link io.github.tapbitrix24.portal.Fault},
 *       {@link io.github.tapbitrix24.portal.DateFilterMode}, {@link io.github.tapbitrix24.portal.ApiError}
 *       and the JSON toolbox {@link io.github.tapbitrix24.portal.Json}. It imports none of its
 *       sub-packages.</li>
 * </ul>
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
 *       an empty single file field is absent from the row;</li>
 *   <li>smart processes have stage history like deals (their own funnels, ending at the item's stageId);
 *       crm.activity.list {@code filter.BINDINGS} matches deal pairs ({@code OWNER_TYPE_ID 2}) only, since
 *       generated activities are bound to their deal alone;</li>
 *   <li>work data ({@code data.WorkData}): five tasks per deal; {@code sonet_group.get} without {@code IS_ADMIN=Y}
 *       hides groups with {@code VISIBLE=N}; {@code task.elapseditem.getlist} fails when its named parameters
 *       are out of the documented order; a missing workgroup answers {@code ERROR_GROUP_NOT_FOUND};</li>
 *   <li>responses are never gzipped, whatever {@code Accept-Encoding} says (the real service gzips):
 *       on loopback deflating a 4.3 MB batch answer costs ~25 ms CPU at level 1 (~60 ms at level 6)
 *       and inflating ~8 ms, against a few ms to send it plain; HTTP clients accept either.</li>
 * </ul>
 *
 * <p>Speed: the old crm list methods (deal, contact, company, lead, activity, product) do not build
 * JSON trees for their rows: a page is a {@code methods.StreamedRows} that generates each
 * row into a reused slot array and writes it with the response's generator, into a per-thread buffer
 * sent with a Content-Length. Figures and method: {@code PortalScaleTest}.
 */
package io.github.tapbitrix24.portal;
