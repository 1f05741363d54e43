package io.salus.core.deal;

import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;

/**
 * The commitment a deal puts on chain for its cohort criteria: {@code keccak256("salus/criteria/1" ‖ salt ‖ criteria
 * JSON)} with a fresh 32-byte salt the node keeps with the deal (and may hand the consumer, who knows the criteria, so
 * it can check the commitment). Without the salt, hashing a dictionary of common criteria finds nothing. Stateless.
 */
public final class CriteriaCommitment {
    private static final byte[] DOMAIN = "salus/criteria/1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private CriteriaCommitment() {
    }

    public static Hash32 of(Hash32 salt, byte[] criteriaJson) {
        return Hashing.keccak256(DOMAIN, salt.bytes(), criteriaJson);
    }
}
