package io.salus.crypto;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * API bearer tokens: {@code salus_} followed by 32 random bytes in unpadded base64url (43 characters). Only the
 * SHA-256 of a token is stored; a presented token is looked up by its hash, so no constant-time comparison is needed.
 * Thread-safe.
 */
public final class ApiTokens {
    public static final String PREFIX = "salus_";
    private static final int RANDOM_BYTES = 32;
    private static final int ENCODED_LENGTH = 43;

    private final SecureRandom random;

    public ApiTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new token (shown to its owner once) and the hash to store. */
    public Issued issue() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(token, hash(token));
    }

    /** The SHA-256 of the token's UTF-8 bytes: the value stored and looked up. */
    public static Hash32 hash(String token) {
        return Hashing.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the string has the shape of a token (prefix and 43 base64url characters); says nothing of validity. */
    public static boolean looksLikeToken(String candidate) {
        return candidate != null && candidate.length() == PREFIX.length() + ENCODED_LENGTH
                && candidate.startsWith(PREFIX)
                && candidate.substring(PREFIX.length()).chars().allMatch(ApiTokens::isBase64Url);
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** A freshly issued token and its hash. {@code toString} does not show the token. */
    public record Issued(String token, Hash32 hash) {
        @Override
        public String toString() {
            return "Issued[hash=" + hash + "]";
        }
    }
}
