package io.github.tapbitrix24.bitrix;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a redirect may take the webhook secret. A renamed cloud portal answers 302 with its new
 * address [D:settings/how-to-call-rest-api/change-domen.md]; the new name stays in the same
 * Bitrix24 cloud domain ({@code acme.bitrix24.com} → {@code acme-crm.bitrix24.com}). Anything else,
 * a proxy's login page, a hijacked DNS name, a mistyped self-hosted URL, must not receive the secret:
 * only the same host or a host under the same cloud domain is followed.
 */
final class RedirectPolicy {
    private RedirectPolicy() {
    }

    /** Whether a request to {@code fromHost} may be re-sent, secret included, to {@code toHost}. */
    static boolean allows(String fromHost, String toHost) {
        String from = normal(fromHost);
        String to = normal(toHost);
        if (from.equals(to)) {
            return true;
        }
        return cloudDomain(from).map(d -> to.endsWith("." + d)).orElse(false);
    }

    /**
     * The Bitrix24 cloud domain of a portal host: from the label {@code bitrix24} on
     * ({@code bitrix24.com}, {@code bitrix24.de}, {@code bitrix24.com.br}); empty for other hosts
     * (self-hosted portals), which only redirect to themselves.
     */
    static Optional<String> cloudDomain(String host) {
        String h = normal(host);
        String[] labels = h.split("\\.");
        for (int i = 1; i < labels.length - 1; i++) { // a portal label before it, a TLD after it
            if (labels[i].equals("bitrix24")) {
                return Optional.of(String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length)));
            }
        }
        return Optional.empty();
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
