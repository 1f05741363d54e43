package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import java.time.Instant;

/**
 * What the DataDeals contract emitted, decoded, in chain order ({@code block}, then {@code logIndex}). A patient's or
 * a provider's earnings are its {@link Paid} events.
 */
public sealed interface DealEvent {
    Hash32 dealId();

    String txHash();

    long block();

    int logIndex();

    /** A deal posted and funded: its terms (with the salted criteria commitment) and split, in public. */
    record Posted(Hash32 dealId, EvmAddress consumer, Hash32 criteriaCommitment, long categories, Purpose purpose,
            long pricePerPatient, int maxPatients, Instant deadline, Split split, String txHash, long block,
            int logIndex) implements DealEvent {
    }

    /** The cohort's Merkle root, committed without its size. */
    record CohortCommitted(Hash32 dealId, Hash32 root, String txHash, long block, int logIndex) implements DealEvent {
    }

    /** The closing settlement chunk released the package's content key, wrapped to the consumer (HPKE). */
    record KeyReleased(Hash32 dealId, Hash32 ciphertextHash, byte[] wrappedKey, String txHash, long block,
            int logIndex) implements DealEvent {
        public KeyReleased {
            wrappedKey = wrappedKey.clone();
        }

        @Override
        public byte[] wrappedKey() {
            return wrappedKey.clone();
        }
    }

    /** One chunk of a settlement: how many patients it paid, how many are paid in all, whether it closed the deal. */
    record SettlementRecorded(Hash32 dealId, Hash32 packageHash, int patients, int paidPatients, boolean last,
            String txHash, long block, int logIndex) implements DealEvent {
    }

    /**
     * A transfer to one payee (the treasury's and the operator's are summed per chunk). A patient's and a caregiver's
     * payee is a per-deal claim address, not their registered address.
     */
    record Paid(Hash32 dealId, EvmAddress payee, Role role, long amount, String txHash, long block, int logIndex)
            implements
                DealEvent {
    }

    record Refunded(Hash32 dealId, EvmAddress consumer, long amount, String txHash, long block, int logIndex)
            implements
                DealEvent {
    }
}
