package io.github.tapbitrix24.portal;

/** An error answer of the REST service: HTTP status, {@code error} code and {@code error_description}. */
final class ApiError extends RuntimeException {
    final int httpStatus;
    final String code;
    final String description;

    ApiError(int httpStatus, String code, String description) {
        super(code + ": " + description, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.description = description;
    }

    static ApiError invalidArg(String description) {
        return new ApiError(400, "INVALID_ARG_VALUE", description);
    }

    /** CRM errors often come with an empty code (D:api-reference/crm/deals/crm-deal-list.md). */
    static ApiError crm(String description) {
        return new ApiError(400, "", description);
    }

    static ApiError notFound(String description) {
        return new ApiError(400, "NOT_FOUND", description);
    }
}
