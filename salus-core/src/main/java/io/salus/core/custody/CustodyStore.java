package io.salus.core.custody;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.Optional;

/** Self-custodied accounts and what the node holds for each account. Thread-safe. */
public interface CustodyStore {

    /**
     * Stores a self-custodied account: its address and X25519 public key only (no private key, no secp256k1 public
     * key), its token hash, and the registration outbox message, in one transaction; with an invitation, only if the
     * invitation is unused and unexpired at {@code now}, and it is used up in the same transaction (false otherwise,
     * nothing written).
     */
    boolean createSelfCustodied(Account account, Hash32 apiTokenHash, OutboxMessage registration,
            Optional<Hash32> invitation, Instant now);

    /** Keeps a one-time invitation code's hash until {@code expiresAt}. */
    void createInvitation(Hash32 codeHash, Instant createdAt, Instant expiresAt);

    Optional<NodeHoldings> holdings(AccountId account);

    /**
     * Applies a {@link TakeOver} in one transaction under the account row's lock; false (nothing written) when the
     * account is no longer agent-held or its records are not exactly those re-wrapped (a deposit came in between).
     */
    boolean takeCustody(TakeOver takeOver);

    /**
     * Applies a {@link DeviceRecovered} in one transaction under the recovery's and the account row's locks; false
     * (nothing written) when the recovery is closed, the account is not self-custodied at the old address, or its
     * records are not exactly those re-wrapped.
     */
    boolean recoverOnDevice(DeviceRecovered recovered);
}
