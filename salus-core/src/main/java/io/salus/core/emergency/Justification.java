package io.salus.core.emergency;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;

/** A responder's written reason for breaking the glass: required, 10 to 1,000 characters once trimmed. Pure. */
public final class Justification {
    public static final int MIN = 10;
    public static final int MAX = 1000;

    private Justification() {
    }

    public static Result<String> of(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() < MIN || t.length() > MAX) {
            return Result.fail(Failure.of(ErrorCode.EMERGENCY_JUSTIFICATION_REQUIRED,
                    "state why, in " + MIN + " to " + MAX + " characters", "justification"));
        }
        return Result.ok(t);
    }
}
