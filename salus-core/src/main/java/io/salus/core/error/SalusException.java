package io.salus.core.error;

/** The one unchecked root for faults (bugs, broken invariants, engines gone). Expected failures are {@link Result}s. */
public class SalusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SalusException(String message) {
        super(message);
    }

    public SalusException(String message, Throwable cause) {
        super(message, cause);
    }
}
