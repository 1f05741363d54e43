package io.salus.core.account;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer tokens of accounts: {@code salus_} + 32 random bytes, URL-safe. Only the SHA-256 of a token is stored, so a
 * leaked database does not leak tokens. Thread-safe.
 */
public final class ApiToken {
    public static final String PREFIX = "salus_";

    private ApiToken() {
    }

    public static String generate(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static Hash32 hash(String token) {
        return Hashing.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Cheap shape check before any lookup: prefix and a plausible length, nothing else. */
    public static boolean wellFormed(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() > PREFIX.length() + 20
                && token.length() < 200;
    }
}
