package io.salus.core.usecase.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.dao.DealCandidate;
import java.util.function.Predicate;

/**
 * Which patients a deal may match as far as their patient data DAOs are concerned: a member of a DAO whose policy
 * does not admit the deal (below its floor, a consumer type or purpose it does not allow, more ε than it accepts, less
 * than its share for the treasury) is left out. Read at match time, so a policy change applies to deals matched after
 * it. Thread-safe.
 */
@FunctionalInterface
public interface DaoAdmission {
    /** No DAO restricts anyone (a node without DAOs). */
    DaoAdmission NONE = deal -> patient -> true;

    /** For one match of the deal: whether a patient's DAOs let the deal match them. */
    Predicate<EvmAddress> forDeal(DealCandidate deal);
}
