package io.salus.fhir.internal;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import java.util.Comparator;
import java.util.List;

/**
 * One problem found in a bundle, with the code it fails under.
 *
 * @param code
 *            the failure code
 * @param issue
 *            what is wrong and where
 */
public record CodedIssue(ErrorCode code, Failure.Issue issue) {

    /** At most this many issues are reported in one failure. */
    public static final int MAX_REPORTED = 50;

    /** The order in which codes win when a bundle has several kinds of problem: content before patients before links. */
    private static final List<ErrorCode> PRIORITY = List.of(ErrorCode.INVALID_FHIR, ErrorCode.FOREIGN_PATIENT,
            ErrorCode.BROKEN_REFERENCE);

    public static CodedIssue of(ErrorCode code, String message, String location) {
        return new CodedIssue(code, new Failure.Issue(message, location));
    }

    /** The failure for a non-empty list of issues: the highest-priority code, with the issues of that code. */
    public static Failure toFailure(List<CodedIssue> issues) {
        ErrorCode code = issues.stream().map(CodedIssue::code)
                .min(Comparator.comparingInt(c -> PRIORITY.contains(c) ? PRIORITY.indexOf(c) : -1))
                .orElseThrow();
        List<Failure.Issue> chosen = issues.stream().filter(i -> i.code() == code).limit(MAX_REPORTED)
                .map(CodedIssue::issue).toList();
        String detail = chosen.size() == 1
                ? chosen.get(0).message()
                : code.title() + " (" + issues.stream().filter(i -> i.code() == code).count() + " issues)";
        return new Failure(code, detail, chosen);
    }
}
