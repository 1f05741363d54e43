package io.salus.compute.sandbox.internal;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;

/**
 * Thrown by a host function to stop the module at once (an emitted value beyond the cap, a read outside the view); the
 * runner turns it back into its failure. No stack trace: it is an expected outcome, not a bug.
 */
public final class SandboxAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Failure failure;

    SandboxAbort(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.failure = Failure.of(code, detail);
    }

    public Failure failure() {
        return failure;
    }
}
