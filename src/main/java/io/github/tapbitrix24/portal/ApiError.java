package io.github.tapbitrix24.portal;

/** An error answer of the REST service: HTTP status, {@code error} code and {@code error_description}. */
public final class ApiError extends RuntimeException {
    public final int httpStatus;
    public final String code;
    public final String description;

    public ApiError(int httpStatus, String code, String description) {
        super(code + ": " + description, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.description = description;
    }

    public static ApiError invalidArg(String description) {
        return new ApiError(400, "INVALID_ARG_VALUE", description);
    }

    /** CRM errors often come with an empty code (D:api-reference/crm/deals/crm-deal-list.md). */
    public static ApiError crm(String description) {
        return new ApiError(400, "", description);
    }

    public static ApiError notFound(String description) {
        return new ApiError(400, "NOT_FOUND", description);
    }
}
