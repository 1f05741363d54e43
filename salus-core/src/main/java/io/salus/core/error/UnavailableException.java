package io.salus.core.error;

/**
 * An engine (chain, store, key manager) cannot confirm an operation. Callers fail closed: the HTTP layer maps it to
 * 503 with the given code and nothing is released.
 */
public class UnavailableException extends SalusException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public UnavailableException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
