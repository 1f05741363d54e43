package io.salus.core.usecase.monitoring;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Delegation;
import java.util.List;

/**
 * The delegations a patient made, as of the chain head (the adapter syncs the consent projection first, so a
 * revocation mined before is seen: fail closed).
 */
@FunctionalInterface
public interface PatientDelegations {
    List<Delegation> of(EvmAddress patient);
}
