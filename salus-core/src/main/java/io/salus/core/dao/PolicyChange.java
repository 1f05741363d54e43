package io.salus.core.dao;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;

/**
 * One action of a DAO proposal. The governor accepts nothing else: changes of the DAO's marketplace policy and grants
 * from its treasury in the payment token.
 */
public sealed interface PolicyChange {
    /** The least price per patient a deal must offer to match the DAO's members. */
    record FloorPrice(long tokenUnits) implements PolicyChange {
    }

    /** The consumer types (mask of AttestationType bits) the DAO allows. */
    record ConsumerTypes(int mask) implements PolicyChange {
    }

    /** The purposes (mask of Purpose bits) the DAO allows. */
    record Purposes(int mask) implements PolicyChange {
    }

    /** The most ε (thousandths) a deal's match may spend. */
    record MaxEpsilon(int milli) implements PolicyChange {
    }

    /** The least share (basis points) of each price that must go to the treasury. */
    record Share(int bps) implements PolicyChange {
    }

    /** Approves (or withdraws approval of) one deal whatever its consumer type and purpose. */
    record ApproveDeal(Hash32 dealId, boolean approved) implements PolicyChange {
        public ApproveDeal {
            Objects.requireNonNull(dealId, "dealId");
        }
    }

    /** A grant of {@code amount} token units from the treasury to {@code to}. */
    record Grant(EvmAddress to, long amount) implements PolicyChange {
        public Grant {
            Objects.requireNonNull(to, "to");
            if (amount <= 0) {
                throw new IllegalArgumentException("a grant of a positive amount");
            }
        }
    }
}
