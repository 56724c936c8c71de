/**
 * The simulator's HTTP face: {@link io.github.tapbitrix24.portal.http.PortalSimulator} serves
 * {@code /rest/<user>/<token>/<method>} over loopback, checks the webhook, applies the leaky bucket
 * ({@code RateLimiter}, HTTP 503 QUERY_LIMIT_EXCEEDED) and injected faults ({@code FaultInjector},
 * {@code FaultShapes}, {@code OversizedBodies}), parses PHP-style query strings ({@code PhpQuery}),
 * runs {@code batch} with its {@code $result[...]} references ({@code Batch}) and writes the envelope
 * with its {@code time} block. Also the entry points: {@code Demo} and {@code PortalMain}.
 *
 * <p>May import {@code portal.methods}, {@code portal.data} and the root {@code portal} package;
 * nothing of the tap. Nothing below imports this package.
 */
package io.github.tapbitrix24.portal.http;
