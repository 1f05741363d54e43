package io.salus.core.port;

import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * The chain. Writes block until mined and are idempotent by key: repeating one whose effect is already on chain returns
 * the existing effect instead of writing twice. Faults of the chain surface as
 * {@link io.salus.core.error.UnavailableException} with {@code CHAIN_UNAVAILABLE}. Thread-safe.
 */
public interface Ledger {
    long chainId();

    long headBlock();

    /** Anchors a batch root under its key (RecordRegistry). Idempotent by {@code batchKey}. */
    AnchorTx anchor(Hash32 batchKey, Hash32 root, int leafCount);

    /** The anchor recorded on chain for a batch key, if any. */
    Optional<AnchorTx> findAnchor(Hash32 batchKey);

    /** Asks the contract whether {@code leaf} with {@code proof} is included under the root anchored for the key. */
    boolean verifyInclusion(Hash32 batchKey, Hash32 leaf, List<Hash32> proof);

    /** Registers an account with its kind (IdentityRegistry). Idempotent by address. */
    TxRef registerAccount(EvmAddress address, AccountKind kind);

    Optional<AccountKind> registeredKind(EvmAddress address);

    /**
     * Registers many accounts in one write (a batch). Idempotent per account: one already registered with that kind is
     * not written again and its outcome is the transaction that registered it, so a repeated batch is harmless. The
     * outcomes are in the order of {@code accounts}: the registering transaction, or {@code REGISTRATION_REFUSED}
     * for an account registered with another kind. Chain faults fail the whole batch.
     */
    List<Result<TxRef>> registerAccounts(List<Registration> accounts);

    /** An account to register and its kind. */
    record Registration(EvmAddress address, AccountKind kind) {
    }
}
