package io.github.tapbitrix24.bitrix;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an error answer into a typed {@link BitrixException} [bitrix24-api.md §4.3;
 * D:_includes/system-errors.md; D:error-codes.md]. The code in the body decides, not the status:
 * QUERY_LIMIT_EXCEEDED is HTTP 503 today and was 429 before; CRM errors often have an empty code
 * and only a description such as "Access denied." or "Not found". Every message passes through
 * {@link WebhookUrl#redact(String)}, because a description or a proxy page may echo the URL.
 */
final class ErrorClassifier {
    /** Method prefix → the webhook scope it needs [bitrix24-api.md §4.4]. */
    private static final Map<String, String> SCOPES = Map.of(
            "voximplant", "telephony", "telephony", "telephony", "crm", "crm", "user", "user",
            "department", "department", "imopenlines", "imopenlines", "catalog", "catalog");

    private final WebhookUrl webhook;

    ErrorClassifier(WebhookUrl webhook) {
        this.webhook = webhook;
    }

    /** An error envelope (or a JSON body without result) from {@code method}. */
    BitrixException classify(String method, int status, String code, String description, Duration retryAfter) {
        String c = code == null ? "" : code.trim();
        String d = description == null ? "" : description.trim();
        BitrixErrorKind kind = kindOf(status, c.toUpperCase(Locale.ROOT), d.toLowerCase(Locale.ROOT));
        String said = (c.isEmpty() ? "" : c) + (d.isEmpty() ? "" : (c.isEmpty() ? "" : ": ") + d);
        if (said.isEmpty()) {
            said = "no error code";
        }
        String where = status > 0 ? " (HTTP " + status + ")" : "";
        String message = switch (kind) {
            case AUTHENTICATION -> "Bitrix24 rejected the webhook calling " + method + " (" + said + ")" + where
                    + "; check the webhook's secret: check webhook_url, the webhook may have been deleted or its secret"
                    + " changed";
            case SUBSCRIPTION -> "Bitrix24 refused " + method + " because of the portal's plan (" + said + ")" + where
                    + "; the portal's subscription has expired or its plan has no REST API: renew it in Bitrix24";
            case INSUFFICIENT_SCOPE -> "the webhook lacks the '" + scopeOf(method) + "' scope needed by " + method
                    + " (" + said + ")" + where + "; add it to the webhook in Bitrix24";
            case METHOD_NOT_FOUND -> "method " + method + " does not exist on this portal (" + said + ")" + where
                    + "; its module may be switched off";
            case ACCESS_DENIED -> "access denied calling " + method + " (" + said + ")" + where
                    + "; the webhook's user lacks the rights (an administrator's webhook sees everything)";
            case RATE_LIMIT -> "Bitrix24 rate limit hit calling " + method + " (" + said + ")" + where;
            case OPERATING_TIME_LIMIT -> method + " has used up its operating-time budget (" + said + ")" + where;
            case SERVER -> "Bitrix24 server error calling " + method + " (" + said + ")" + where;
            default -> "Bitrix24 error calling " + method + " (" + said + ")" + where;
        };
        return new BitrixException(kind, method, c, status, webhook.redact(message), retryAfter, null);
    }

    /** A response that is not a usable JSON envelope (HTML page from a proxy, truncated body, ...). */
    BitrixException malformed(String method, int status, String what, Throwable cause) {
        String where = status > 0 ? " (HTTP " + status + ")" : "";
        BitrixErrorKind kind = BitrixErrorKind.MALFORMED_RESPONSE;
        String advice = "";
        // A 4xx page that is not JSON comes from something in front of the API (wrong URL, proxy):
        // retrying will not help, and the user has to look at webhook_url.
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            kind = status == 401 ? BitrixErrorKind.AUTHENTICATION
                    : status == 402 ? BitrixErrorKind.SUBSCRIPTION : BitrixErrorKind.API;
            advice = status == 402 ? "; the portal's subscription may have expired"
                    : status == 401 ? "; check the webhook's secret in webhook_url" : "; check webhook_url";
        }
        return new BitrixException(kind, method, "", status,
                webhook.redact("unreadable answer to " + method + where + ": " + what + advice), null, safe(cause));
    }

    BitrixException transport(String method, Throwable cause) {
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new BitrixException(BitrixErrorKind.TRANSPORT, method, "", 0,
                webhook.redact("network problem calling " + method + " on " + webhook.host() + ": " + what),
                null, safe(cause));
    }

    /** The cause is kept for --log-level debug only when nothing in its chain reveals the token. */
    Throwable safe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (!webhook.redact(m).equals(m)) {
                return null;
            }
        }
        return cause;
    }

    private static BitrixErrorKind kindOf(int status, String code, String description) {
        switch (code) {
            case "QUERY_LIMIT_EXCEEDED":
                return BitrixErrorKind.RATE_LIMIT;
            case "OPERATION_TIME_LIMIT":
                return BitrixErrorKind.OPERATING_TIME_LIMIT;
            // INVALID_CREDENTIALS: the docs' table says 403 "lacks permissions", but a real portal answers a
            // wrong secret with HTTP 401 INVALID_CREDENTIALS "Invalid request credentials" (the official
            // Python SDK's integration test, b24pysdk). Either way no stream can be read: skipping them
            // all would exit 0 with nothing read, so it fails the run like NO_AUTH_FOUND.
            case "NO_AUTH_FOUND", "EXPIRED_TOKEN", "INVALID_TOKEN", "WRONG_AUTH_TYPE_WEBHOOK", "INVALID_CREDENTIALS":
                return BitrixErrorKind.AUTHENTICATION;
            case "PAYMENT_REQUIRED":
                return BitrixErrorKind.SUBSCRIPTION;
            case "INSUFFICIENT_SCOPE":
                return BitrixErrorKind.INSUFFICIENT_SCOPE;
            case "ERROR_METHOD_NOT_FOUND", "METHOD_NOT_FOUND":
                return BitrixErrorKind.METHOD_NOT_FOUND;
            case "ACCESS_DENIED":
                // HTTP 403 "REST API is available only on commercial plans" [D:_includes/system-errors.md]
                // refuses every method: not one stream's permission, so not a skip.
                return description.contains("commercial") ? BitrixErrorKind.SUBSCRIPTION : BitrixErrorKind.ACCESS_DENIED;
            case "USER_ACCESS_ERROR", "ALLOWED_ONLY_INTRANET_USER":
                return BitrixErrorKind.ACCESS_DENIED;
            case "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER":
                return BitrixErrorKind.SERVER;
            // Not transient: REST blocked for the portal by support, or the portal is gone.
            case "OVERLOAD_LIMIT", "PORTAL_DELETED":
                return BitrixErrorKind.API;
            default:
                break;
        }
        if (status == 429) { // older portals' rate limit, whatever the body says [D:limits.md history]
            return BitrixErrorKind.RATE_LIMIT;
        }
        if (code.isEmpty() || code.equals("0")) {
            if (description.startsWith("access denied")) {
                return BitrixErrorKind.ACCESS_DENIED;
            }
            if (status == 0 || status < 500) {
                return status == 401 ? BitrixErrorKind.AUTHENTICATION : BitrixErrorKind.API;
            }
        }
        if (status == 401) {
            return BitrixErrorKind.AUTHENTICATION;
        }
        if (status == 402) {
            return BitrixErrorKind.SUBSCRIPTION;
        }
        if (status >= 500) {
            return BitrixErrorKind.SERVER;
        }
        return BitrixErrorKind.API;
    }

    static String scopeOf(String method) {
        int dot = method.indexOf('.');
        String prefix = (dot < 0 ? method : method.substring(0, dot)).toLowerCase(Locale.ROOT);
        return SCOPES.getOrDefault(prefix, prefix);
    }
}
