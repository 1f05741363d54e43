package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.error.Failure;
import java.util.Optional;

/** Whether a provider may act (deposit) now, re-checked on every use; empty when it may. Thread-safe. */
@FunctionalInterface
public interface ProviderAdmission {
    /** Every provider may act (no credentialing). */
    ProviderAdmission ANY = provider -> Optional.empty();

    Optional<Failure> refusal(Account provider);
}
