package io.salus.core.smart;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Random codes, tokens and client secrets, and the hashes under which they are stored. Thread-safe. */
final class Secrets {
    private final SecureRandom random;

    Secrets(SecureRandom random) {
        this.random = random;
    }

    /** 256 random bits, base64url without padding. */
    String next() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static Hash32 hash(String secret) {
        return Hashing.sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    static boolean matches(String presented, Hash32 expected) {
        return presented != null && presented.length() <= 512
                && MessageDigest.isEqual(hash(presented).bytes(), expected.bytes());
    }
}
