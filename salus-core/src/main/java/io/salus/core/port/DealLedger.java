package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payment token, the split policy and the DataDeals escrow. Deals are keyed by a 32-byte id the node chooses. The
 * adapter checks what the contract will check before sending and returns the {@code DEAL_*} failure without sending
 * anything; the contract enforces the same rules on its own. Commit and settle are sent by the node's matcher;
 * posting is signed by the consumer's own account. Chain faults are {@link io.salus.core.error.UnavailableException}s.
 * Thread-safe.
 */
public interface DealLedger {

    /** The payment token's address. */
    EvmAddress token();

    /** Token units (6 decimals) held by an account. */
    long balanceOf(EvmAddress account);

    /** Creates token units for an account (the local token of the demo and the tests). */
    TxRef mint(EvmAddress to, long amount);

    /** The split policy in force on chain (DealPolicy). */
    SplitPolicy policy();

    /** The latest block's time: what the contract compares deadlines with. */
    Instant chainTime();

    /**
     * Posts and funds a deal from the consumer's account ({@code consumerKey}: its 32-byte secp256k1 private key):
     * approves the escrow, then posts, which pulls it. Repeating a post whose deal exists with the same consumer and
     * terms returns the original post. Failures: {@code DEAL_INVALID_TERMS}, {@code DEAL_BELOW_POLICY},
     * {@code DEAL_EXISTS}, {@code DEAL_INSUFFICIENT_FUNDS}.
     */
    Result<TxRef> post(Hash32 dealId, DealTerms terms, byte[] consumerKey);

    /**
     * Commits the cohort's Merkle root (and nothing about its size), once, before the deadline. Repeating the same
     * commit returns the original. Failures: {@code DEAL_NOT_FOUND}, {@code DEAL_ALREADY_COMMITTED},
     * {@code DEAL_DEADLINE_PASSED}, {@code DEAL_INVALID_PAYOUT} (a zero root).
     */
    Result<TxRef> commitCohort(Hash32 dealId, Hash32 root);

    /**
     * Pays the given payouts, each with its proof against the committed root, in chunks, and closes the deal with the
     * last chunk, which releases {@code wrappedKey} (the package's content key wrapped to the consumer). The first
     * chunk records the package's hashes; every later call must repeat them. After an interruption, calling it again
     * with the same package and payouts pays only those not yet paid and never fails with a package mismatch.
     * Failures: {@code DEAL_NOT_FOUND}, {@code DEAL_WRONG_STATE} (not committed), {@code DEAL_ALREADY_SETTLED},
     * {@code DEAL_DEADLINE_PASSED}, {@code DEAL_COHORT_TOO_LARGE}, {@code DEAL_PACKAGE_MISMATCH},
     * {@code DEAL_INVALID_PAYOUT}, {@code DEAL_NOT_IN_COHORT}, {@code DEAL_ALREADY_PAID}.
     */
    Result<Settlement> settle(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> payouts, byte[] wrappedKey);

    /**
     * After the deadline, returns the escrow left to the consumer (anyone may ask; the node sends it). Failures:
     * {@code DEAL_NOT_FOUND}, {@code DEAL_DEADLINE_NOT_REACHED}, {@code DEAL_SETTLEMENT_IN_PROGRESS},
     * {@code DEAL_ALREADY_REFUNDED}, {@code DEAL_NOTHING_TO_REFUND}.
     */
    Result<TxRef> refund(Hash32 dealId);

    Optional<DealState> deal(Hash32 dealId);

    /** The content key released by a deal's closing settlement, read from the chain; empty until it is settled. */
    Optional<DealEvent.KeyReleased> keyRelease(Hash32 dealId);

    /** Moves tokens from an account the node holds the key of (a claim address) to another address. */
    Result<TxRef> transfer(byte[] fromKey, EvmAddress to, long amount);

    /** The deal events in {@code [fromBlock, toBlock]}, in chain order. */
    List<DealEvent> events(long fromBlock, long toBlock);

    long headBlock();

    /** The hashes a settlement records: keccak-256 of the plaintext package, and SHA-256 of its ciphertext. */
    record PackageHashes(Hash32 plaintext, Hash32 ciphertext) {
        public PackageHashes {
            java.util.Objects.requireNonNull(plaintext, "plaintext");
            java.util.Objects.requireNonNull(ciphertext, "ciphertext");
        }
    }

    /** The transactions of a settlement (one per chunk) and how many patients they paid. */
    record Settlement(List<TxRef> txs, int patientsPaid) {
        public Settlement {
            txs = List.copyOf(txs);
        }

        public long gasUsed() {
            return txs.stream().mapToLong(TxRef::gasUsed).sum();
        }
    }
}
