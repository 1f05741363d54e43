package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AccessRequest;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.port.ConsentStore;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.consent.DecisionPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a patient's consent covers a deal at what the patient would receive: for every category the policy permits
 * under a grant whose minimum price is at most the patient's <em>own net share</em> of the price (after the providers',
 * caregiver's, treasury's and operator's parts), never the gross price. A {@link Batch} syncs the consent projection
 * once and reads the consumer's attestations once, for all the patients of one match or delivery, and reads the grants
 * of the patients {@link Batch#load loaded} into it in one query; each patient is still decided on their own grants by
 * the same {@link ConsentPolicy}. Thread-safe; a batch is for one thread at a time.
 */
public final class PriceCheck {
    private final ConsentStore store;
    private final ConsentSync sync;
    private final DecisionPoint decisionPoint;
    private final ConsentPolicy policy = new ConsentPolicy();
    private final Clock clock;

    public PriceCheck(ConsentStore store, ConsentSync sync, DecisionPoint decisionPoint, Clock clock) {
        this.store = store;
        this.sync = sync;
        this.decisionPoint = decisionPoint;
        this.clock = clock;
    }

    /** Syncs the consent projection to the chain head and reads the consumer's attestations. */
    public Batch begin(Account consumer) {
        long block = sync.toHead();
        return new Batch(consumer, block, decisionPoint.attestationsOf(consumer.address(), block), clock.instant());
    }

    /** Checks of one consumer's patients at one block and instant. */
    public final class Batch {
        private final Account consumer;
        private final long block;
        private final List<Attestation> attestations;
        private final Instant now;
        private final Map<EvmAddress, List<Grant>> grants = new HashMap<>();

        private Batch(Account consumer, long block, List<Attestation> attestations, Instant now) {
            this.consumer = consumer;
            this.block = block;
            this.attestations = attestations;
            this.now = now;
        }

        /** The consumer types the consumer holds a current attestation of (a mask of AttestationType bits). */
        public int consumerTypes() {
            return attestations.stream().filter(a -> a.type().isConsumerType() && !a.revokedAt(block)
                    && !now.isBefore(a.validFrom()) && now.isBefore(a.validUntil())).mapToInt(a -> a.type().mask())
                    .reduce(0, (x, y) -> x | y);
        }

        /**
         * Reads the grants of these patients in one query for the checks that follow (replacing what an earlier load
         * read); a patient not loaded is read when checked.
         */
        public void load(Collection<EvmAddress> patients) {
            grants.clear();
            grants.putAll(store.grantsOfAll(patients));
        }

        /** Whether the patient consents to every category for the purpose at this net share per patient. */
        public boolean accepts(Account patient, List<Category> categories, Purpose purpose, long netShare) {
            List<Grant> of = grants.containsKey(patient.address())
                    ? grants.get(patient.address())
                    : store.grantsOf(patient.address());
            List<Grant> affordable = of.stream()
                    .filter(g -> g.terms().minPrice() <= netShare).toList();
            if (affordable.isEmpty()) {
                return false;
            }
            for (Category c : categories) {
                Decision d = policy.decide(new AccessRequest(consumer.address(), patient.address(), c, purpose, now,
                        block), affordable, attestations, Optional.empty());
                if (!d.permitted()) {
                    return false;
                }
            }
            return true;
        }
    }
}
