package io.salus.core.usecase.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.dao.DealCandidate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which patients a deal may match as far as their patient data DAOs are concerned, and where each one's treasury
 * part goes: a member of a DAO whose policy does not admit the deal (below its floor, a consumer type or purpose it
 * does not allow, more ε than it accepts, less than its share for the treasury) is left out; a member of DAOs that
 * all admit it pays its treasury part to one of them. Read at match time, so a policy change applies to deals matched
 * after it. Thread-safe.
 */
@FunctionalInterface
public interface DaoAdmission {
    /** No DAO restricts anyone (a node without DAOs). */
    DaoAdmission NONE = deal -> patient -> Verdict.NO_DAO;

    /** For one match of the deal: whether a patient's DAOs let the deal match them, and to which treasury. */
    Function<EvmAddress, Verdict> forDeal(DealCandidate deal);

    /**
     * A patient's DAOs' answer: {@code admitted} or left out; the DAO treasury (a registered DAO timelock) that
     * receives the treasury part of their payout, empty for the deal contract's default payee.
     */
    record Verdict(boolean admitted, Optional<EvmAddress> treasury) {
        /** Admitted, in no DAO that receives a share: the default payee. */
        public static final Verdict NO_DAO = new Verdict(true, Optional.empty());
        /** Left out by a DAO that refuses the deal. */
        public static final Verdict REFUSED = new Verdict(false, Optional.empty());

        public Verdict {
            Objects.requireNonNull(treasury, "treasury");
            if (!admitted && treasury.isPresent()) {
                throw new IllegalArgumentException("a patient left out pays no treasury");
            }
        }

        /** Admitted, the treasury part going to this DAO treasury. */
        public static Verdict paying(EvmAddress treasury) {
            return new Verdict(true, Optional.of(treasury));
        }
    }
}
