package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.erasure.ErasureReceipt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Erasure by crypto-shredding in the store. Thread-safe; {@link #erase} is atomic and serialised per patient with the
 * patient's deposits, so a deposit committing concurrently is either erased with the rest or refused.
 */
public interface ErasureStore {

    /**
     * In one transaction: deletes every sealed record of the patient (ciphertext, both wrapped data keys, salt and
     * content hash), keeping only a tombstone with the record id and its anchored leaf; deletes their deposits, cohort
     * features, birth date and sex, and identifiers; completes their pending anchor requests; marks the account erased
     * (dropping its display name) and records the receipt. If the patient is already erased nothing changes and the
     * stored receipt is returned.
     */
    Erased erase(AccountId patient, Instant at);

    Optional<ErasureReceipt> find(AccountId patient);

    /** Every erased account, oldest erasure first (to refuse them after a restart). */
    List<AccountId> erasedPatients();

    /** The receipt, and whether this call erased ({@code false}: it was erased before). */
    record Erased(ErasureReceipt receipt, boolean now) {
    }
}
