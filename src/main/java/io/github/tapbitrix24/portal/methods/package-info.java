/**
 * The REST methods of the simulated portal: {@code Methods} dispatches a method name to
 * {@code CrmMethods}, {@code BreadthMethods}, {@code OrgMethods} or {@code WorkMethods}; list calls share
 * {@code ListQuery} (order, select, start, keyset) and {@code Filter} (the documented filter
 * operators); old crm list pages stream their rows ({@code StreamedRows}). Each call is charged its
 * simulated server time ({@code CostModel}) against the per-method {@code OperatingBudget}
 * (HTTP 429 OPERATION_TIME_LIMIT) and counted in {@code PortalCounters}.
 *
 * <p>May import {@code portal.data} and the root {@code portal} package; never {@code portal.http},
 * nothing of the tap. A method sees parameters as JSON and answers a {@code MethodResult}; the HTTP
 * envelope, the leaky bucket and faults belong to {@code portal.http}.
 */
package io.github.tapbitrix24.portal.methods;
