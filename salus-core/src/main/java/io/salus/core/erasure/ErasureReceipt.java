package io.salus.core.erasure;

import io.salus.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * What an erasure destroyed, as recorded in the same transaction: when, how many sealed records lost their data keys,
 * salts and ciphertext ({@code anchoredRecords} of them had a leaf in an anchored batch, which stays on chain but can no
 * longer be linked to any content), and how many deposits, sealed cohort feature sets (one per deposit that had features) and patient identifier
 * blind indexes were deleted.
 * The same receipt is returned for every later request.
 */
public record ErasureReceipt(AccountId patient, Instant erasedAt, int recordsShredded, int anchoredRecords,
        int depositsDeleted, int featuresDeleted, int identifiersDeleted) {
    public ErasureReceipt {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(erasedAt, "erasedAt");
    }
}
