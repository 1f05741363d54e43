package io.salus.fhir.deid;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A deal's de-identification key: the deal id and a 32-byte secret the node keeps for that deal only. Every pseudonym
 * and every date shift of the deal's package is an HMAC-SHA256 under this secret, so they are stable within the deal
 * (the same patient gets the same pseudonym and shift in every file and every re-delivery) and unlinkable across deals.
 * The secret must never reach the consumer. Immutable and thread-safe (the secret is copied in and never handed out).
 */
public final class DealKey {
    public static final int SECRET_BYTES = 32;

    private final String dealId;
    private final byte[] secret;

    private DealKey(String dealId, byte[] secret) {
        this.dealId = dealId;
        this.secret = secret;
    }

    /** A key from a stored secret; {@link IllegalArgumentException} unless it is 32 bytes and the id is non-blank. */
    public static DealKey of(String dealId, byte[] secret) {
        Objects.requireNonNull(dealId, "dealId");
        if (dealId.isBlank()) {
            throw new IllegalArgumentException("the deal id is blank");
        }
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a deal secret is " + SECRET_BYTES + " bytes");
        }
        return new DealKey(dealId, secret.clone());
    }

    /** A fresh secret for a new deal, to be stored by the node (e.g. sealed under its KEK). */
    public static byte[] newSecret(SecureRandom random) {
        byte[] out = new byte[SECRET_BYTES];
        random.nextBytes(out);
        return out;
    }

    public String dealId() {
        return dealId;
    }

    byte[] secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "DealKey[" + dealId + "]";
    }
}
