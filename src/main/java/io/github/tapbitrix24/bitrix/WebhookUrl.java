package io.github.tapbitrix24.bitrix;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inbound webhook, {@code https://<portal>/rest/<user>/<token>/}. The token is a password:
 * {@link #toString()} and {@link #masked()} show {@code /rest/<user>/***}{@code /}, and
 * {@link #redact(String)} scrubs it from any text (exception messages, logs).
 * Only {@link #methodUrl(String)} reveals it, for the HTTP layer.
 */
public final class WebhookUrl {
    private static final Pattern PATH = Pattern.compile("^(.*?/rest/)(\\d+)/([^/]+)(?:/.*)?$");
    /** The secret part of anything shaped like a webhook, in any text: {@code /rest/<digits>/<secret>}. */
    private static final Pattern ANY_WEBHOOK_SECRET = Pattern.compile("(/rest/\\d+/)(?!\\*\\*\\*)[^/\\s'\"?#<>]+");

    private final String scheme;
    private final String hostAndPort;
    private final String prefix;   // path up to and including "/rest/"
    private final String userId;
    private final String token;

    private WebhookUrl(String scheme, String hostAndPort, String prefix, String userId, String token) {
        this.scheme = scheme;
        this.hostAndPort = hostAndPort;
        this.prefix = prefix;
        this.userId = userId;
        this.token = token;
    }

    /**
     * Accepts what users paste: with or without the trailing slash, or with a method such as
     * {@code profile.json} appended. Requires https except on loopback hosts (tests, the demo).
     *
     * @throws IllegalArgumentException with a message that never contains the token
     */
    public static WebhookUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("webhook_url is empty");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook_url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(
                    "webhook_url must look like https://<portal>/rest/<user_id>/<secret>/");
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            throw new IllegalArgumentException(
                    "webhook_url must use https:// (plain http is only accepted for loopback hosts), host " + host);
        }
        Matcher m = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!m.matches()) {
            throw new IllegalArgumentException("webhook_url for host " + host
                    + " has no /rest/<user_id>/<secret>/ path; copy the inbound webhook URL from Bitrix24");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("webhook_url for host " + host + " has an invalid port " + uri.getPort());
        }
        String hostAndPort = uri.getPort() >= 0 ? hostPart(host) + ":" + uri.getPort() : hostPart(host);
        return new WebhookUrl(scheme, hostAndPort, m.group(1), m.group(2), m.group(3));
    }

    private static String hostPart(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** The full URL of a method, token included: for the HTTP layer only, never for messages. */
    public String methodUrl(String method) {
        return baseUrl() + method;
    }

    /** {@code https://host/rest/1/<token>/}, token included. */
    public String baseUrl() {
        return scheme + "://" + hostAndPort + prefix + userId + "/" + token + "/";
    }

    /** The same webhook on another host (a renamed portal answered 302). */
    public WebhookUrl withHost(String newScheme, String newHostAndPort) {
        return new WebhookUrl(newScheme, newHostAndPort, prefix, userId, token);
    }

    public String scheme() {
        return scheme;
    }

    /** Host with port when one was given; safe to print. */
    public String host() {
        return hostAndPort;
    }

    public String userId() {
        return userId;
    }

    /** {@code https://host/rest/1/***}{@code /}: safe to print. */
    public String masked() {
        return scheme + "://" + hostAndPort + prefix + userId + "/***/";
    }

    /** Replaces every occurrence of the token in {@code text} with {@code ***}. */
    public String redact(String text) {
        if (text == null || token.isEmpty() || text.length() < token.length()) {
            return text; // too short to hold it: most record values, at the cost of one comparison
        }
        return text.replace(token, "***");
    }

    /** {@code out} with every occurrence of the token masked on its way through: the tap's stdout and stderr. */
    public java.io.OutputStream redacting(java.io.OutputStream out) {
        return new RedactingOutputStream(out, token);
    }

    /**
     * Masks the secret of <em>any</em> webhook-shaped URL in {@code text} ({@code /rest/1/abc/} →
     * {@code /rest/1/***}{@code /}): for text printed before a webhook is known or from input that
     * may hold another one (a URL passed where a file name was expected, a value in the wrong
     * config key).
     */
    public static String maskAny(String text) {
        return text == null || !text.contains("/rest/") ? text : ANY_WEBHOOK_SECRET.matcher(text).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookUrl w && w.baseUrl().equals(baseUrl());
    }

    @Override
    public int hashCode() {
        return baseUrl().hashCode();
    }
}
