package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.Fault;

/**
 * One HTTP request the portal answered, handed to {@link PortalSimulator#onRequest} listeners.
 *
 * @param sequence   1-based number of the request
 * @param method     the REST method ({@code batch} for batches), lower-case
 * @param httpStatus the status sent (0 for a reset connection)
 * @param fault      the injected fault, or null
 */
public record ServedRequest(long sequence, String method, int httpStatus, Fault fault) {
}
