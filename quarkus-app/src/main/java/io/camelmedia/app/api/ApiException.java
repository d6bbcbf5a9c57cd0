package io.camelmedia.app.api;

/** A /v1 call that cannot be done: the HTTP status, the request field at fault (if one is), and why. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    ApiException(int status, String field, String message) {
        super(message, null, false, false);   // no stack trace: it never leaves as one
        this.status = status;
        this.field = field;
    }

    static ApiException badField(String field, String message) {
        return new ApiException(400, field, field + ": " + message);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
