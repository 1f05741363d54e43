package io.salus.core.smart;

import io.salus.core.account.AccountId;
import java.util.Optional;

/** A successful token response (RFC 6749 §5.1 with SMART's {@code patient} launch context). */
public record TokenResponse(String accessToken, long expiresIn, String scope, Optional<String> refreshToken,
        AccountId patient) {
}
