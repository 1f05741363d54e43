package io.salus.core.error;

import java.util.List;
import java.util.Objects;

/**
 * An expected failure: a stable code, a human-readable detail and, optionally, the individual issues found (for
 * example one per offending FHIR element, each with its location).
 */
public record Failure(ErrorCode code, String detail, List<Issue> issues) {

    public Failure {
        Objects.requireNonNull(code, "code");
        detail = detail == null ? code.title() : detail;
        issues = List.copyOf(issues == null ? List.of() : issues);
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
