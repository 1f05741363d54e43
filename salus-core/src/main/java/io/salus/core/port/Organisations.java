package io.salus.core.port;

import io.salus.core.account.AccountId;
import java.util.Optional;

/**
 * Which organisation an account belongs to (off chain: the operator puts consumer accounts in one, fixed once). Used
 * to keep a delegate from granting consent to its own organisation. Thread-safe.
 */
@FunctionalInterface
public interface Organisations {
    Optional<String> organisationOf(AccountId account);
}
