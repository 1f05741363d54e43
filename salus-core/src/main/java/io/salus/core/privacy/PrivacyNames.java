package io.salus.core.privacy;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;

/** Checks the free-text names the privacy budget keys on: organisation names and query digests. Stateless. */
public final class PrivacyNames {
    /** Longest organisation name or query digest. */
    public static final int MAX_LENGTH = 200;

    private PrivacyNames() {
    }

    /** An organisation name, stripped of surrounding blanks: 1 to 200 characters, no control characters. */
    public static Result<String> organisation(String name) {
        return check("organisation", name);
    }

    /** A query digest (for example the hex SHA-256 of the canonical criteria): 1 to 200 characters. */
    public static Result<String> queryDigest(String digest) {
        return check("queryDigest", digest);
    }

    private static Result<String> check(String field, String value) {
        if (value == null || value.isBlank()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, field + " is missing");
        }
        String v = value.strip();
        if (v.length() > MAX_LENGTH) {
            return Result.fail(ErrorCode.INVALID_REQUEST, field + " is longer than " + MAX_LENGTH + " characters");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            return Result.fail(ErrorCode.INVALID_REQUEST, field + " contains control characters");
        }
        return Result.ok(v);
    }
}
