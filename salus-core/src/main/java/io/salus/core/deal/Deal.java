package io.salus.core.deal;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the node keeps about a deal beside the chain: the consumer and its organisation, the criteria and the salt of
 * their on-chain commitment, the terms, the per-deal secret behind pseudonyms and de-identification (sealed under the
 * KEK, never sent), the phase, the released (noisy) cohort size and the ε it cost, the committed root, how many
 * patients the package holds once staged, and the deal's transactions. The exact cohort is in its
 * {@link DealMember}s. Immutable.
 */
public record Deal(Hash32 id, AccountId consumer, String organisation, byte[] criteria, Hash32 criteriaSalt,
        DealTerms terms, byte[] sealedSecret, DealPhase phase, Optional<String> releasedSize,
        Optional<Hash32> cohortRoot, int delivered, List<DealTx> txs, Instant createdAt) {
    public Deal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(organisation, "organisation");
        criteria = criteria.clone();
        Objects.requireNonNull(criteriaSalt, "criteriaSalt");
        Objects.requireNonNull(terms, "terms");
        sealedSecret = sealedSecret.clone();
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(releasedSize, "releasedSize");
        Objects.requireNonNull(cohortRoot, "cohortRoot");
        txs = List.copyOf(txs);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public byte[] criteria() {
        return criteria.clone();
    }

    @Override
    public byte[] sealedSecret() {
        return sealedSecret.clone();
    }

    /** The data categories of the terms' mask, in declaration order. */
    public List<Category> categories() {
        return Arrays.stream(Category.values()).filter(c -> (terms.categories() & c.mask()) != 0).toList();
    }

    /** The KEK purpose the deal's secret is sealed for. */
    public static String secretPurpose(Hash32 dealId) {
        return "deal-secret|" + dealId.hex();
    }

    /** A deal's transaction: what it did ({@code post}, {@code commit}, {@code settle}, {@code refund}) and where. */
    public record DealTx(String kind, String txHash, long block) {
        public DealTx {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(txHash, "txHash");
        }
    }
}
