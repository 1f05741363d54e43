package io.salus.node.market;

import io.salus.core.account.Account;
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
import java.util.List;
import java.util.Optional;

/**
 * Whether a patient's consent covers a deal at its price: for every category the policy permits under a grant whose
 * minimum price is at most the deal's price per patient. Thread-safe.
 */
public final class PriceCheck {
    private final ConsentStore store;
    private final ConsentSync sync;
    private final ConsentPolicy policy = new ConsentPolicy();
    private final Clock clock;
    private final DecisionPoint decisionPoint;

    public PriceCheck(ConsentStore store, ConsentSync sync, DecisionPoint decisionPoint, Clock clock) {
        this.decisionPoint = decisionPoint;
        this.store = store;
        this.sync = sync;
        this.clock = clock;
    }

    public boolean accepts(Account consumer, Account patient, List<Category> categories, Purpose purpose,
            long price) {
        long block = store.syncedBlock();
        List<Grant> affordable = store.grantsOf(patient.address()).stream()
                .filter(g -> g.terms().minPrice() <= price).toList();
        List<Attestation> attestations = decisionPoint.attestationsOf(consumer.address(), block);
        for (Category c : categories) {
            Decision d = policy.decide(new AccessRequest(consumer.address(), patient.address(), c, purpose,
                    clock.instant(), block), affordable, attestations, Optional.empty());
            if (!d.permitted()) {
                return false;
            }
        }
        return true;
    }

    /** Synced before a batch of checks. */
    public long sync() {
        return sync.toHead();
    }
}
