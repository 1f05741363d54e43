package io.salus.core.recovery;

import io.salus.core.account.ApiToken;
import io.salus.core.error.SalusException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The claim token handed to whoever opens a recovery ({@code recovery_} + 32 random bytes, URL-safe; only its SHA-256
 * is stored) and the API token the claim yields at completion: {@code salus_} + HMAC-SHA256(claim, recovery id), so a
 * repeated completion with the same claim returns the same token while the node keeps only its hash. Thread-safe.
 */
public final class RecoveryTokens {
    public static final String CLAIM_PREFIX = "recovery_";
    private static final byte[] LABEL = "salus/recovery-api-token/1|".getBytes(StandardCharsets.US_ASCII);

    private RecoveryTokens() {
    }

    public static String newClaim(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return CLAIM_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static boolean wellFormedClaim(String claim) {
        return claim != null && claim.startsWith(CLAIM_PREFIX) && claim.length() > CLAIM_PREFIX.length() + 20
                && claim.length() < 200;
    }

    /** The API token a claim yields for a recovery. */
    public static String apiToken(String claim, UUID recoveryId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(claim.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(LABEL);
            byte[] tag = mac.doFinal(recoveryId.toString().getBytes(StandardCharsets.US_ASCII));
            return ApiToken.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new SalusException("HMAC-SHA256 is unavailable", e);
        }
    }
}
