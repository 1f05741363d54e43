package io.salus.node.http;

import io.salus.core.account.AccountId;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The erased accounts, in memory for the HTTP guard: loaded from the store at start, added to after each erasure
 * commits. The store stays the authority (it refuses deposits for erased patients by itself). Thread-safe.
 */
public final class ErasedAccounts {
    private final Set<AccountId> erased = ConcurrentHashMap.newKeySet();

    public ErasedAccounts(Collection<AccountId> initial) {
        erased.addAll(initial);
    }

    public void add(AccountId patient) {
        erased.add(patient);
    }

    public boolean contains(AccountId account) {
        return erased.contains(account);
    }

    public boolean isEmpty() {
        return erased.isEmpty();
    }
}
