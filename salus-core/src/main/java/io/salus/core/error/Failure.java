package io.salus.core.error;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An expected failure: a stable code, a human-readable detail, optionally the individual issues found (for example one
 * per offending FHIR element, each with its location) and, for a refusal that passes with time (a rate limit, a
 * waiting period), how long until the same request may succeed.
 */
public record Failure(ErrorCode code, String detail, List<Issue> issues, Optional<Duration> retryAfter) {

    public Failure {
        Objects.requireNonNull(code, "code");
        detail = detail == null ? code.title() : detail;
        issues = List.copyOf(issues == null ? List.of() : issues);
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    public Failure(ErrorCode code, String detail, List<Issue> issues) {
        this(code, detail, issues, Optional.empty());
    }

    /** A refusal that may succeed when repeated after {@code wait}. */
    public static Failure retryAfter(ErrorCode code, String detail, Duration wait) {
        return new Failure(code, detail, List.of(), Optional.of(wait));
    }

    public static Failure of(ErrorCode code, String detail) {
        return new Failure(code, detail, List.of());
    }

    public static Failure of(ErrorCode code, String detail, String location) {
        return new Failure(code, detail, List.of(new Issue(detail, location)));
    }

    /** One problem found in the input: what is wrong and where (a FHIRPath-like location, or null). */
    public record Issue(String message, String location) {
    }

    public <T> Result<T> asResult() {
        return Result.fail(this);
    }
}
