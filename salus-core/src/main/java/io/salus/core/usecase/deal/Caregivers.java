package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who receives a patient's caregiver share in a deal: the delegate of the patient's earliest active delegation whose
 * account is a {@code CAREGIVER} and whose scopes make it one (it may view the records or manage consent for the
 * patient). A delegate who only receives alerts is not a caregiver and is not paid. {@link #ofAll} decides the same for
 * many patients with two reads in all (their delegations, then the delegates' accounts). Thread-safe.
 */
public final class Caregivers {
    private static final int CARING = DelegationScope.VIEW_RECORDS.mask() | DelegationScope.MANAGE_CONSENT.mask();
    private final ConsentStore consents;
    private final AccountStore accounts;

    public Caregivers(ConsentStore consents, AccountStore accounts) {
        this.consents = consents;
        this.accounts = accounts;
    }

    public Optional<Account> of(Account patient, Instant now) {
        return choose(consents.delegationsOf(patient.address()), now, accounts::findByAddress);
    }

    /** {@link #of} for each patient (keyed by address; every patient asked is a key), read in bulk. */
    public Map<EvmAddress, Optional<Account>> ofAll(Collection<Account> patients, Instant now) {
        Map<EvmAddress, List<Delegation>> delegations = consents.delegationsOfAll(patients.stream()
                .map(Account::address).toList());
        Map<EvmAddress, Account> delegates = accounts.findAllByAddress(delegations.values().stream()
                .flatMap(List::stream).filter(d -> caring(d, now)).map(Delegation::delegate).distinct().toList());
        Map<EvmAddress, Optional<Account>> out = new HashMap<>();
        for (Account p : patients) {
            out.put(p.address(), choose(delegations.getOrDefault(p.address(), List.of()), now,
                    a -> Optional.ofNullable(delegates.get(a))));
        }
        return out;
    }

    private static Optional<Account> choose(List<Delegation> delegations, Instant now,
            Function<EvmAddress, Optional<Account>> account) {
        return delegations.stream().filter(d -> caring(d, now)).sorted(Comparator.comparingLong(Delegation::atBlock))
                .map(d -> account.apply(d.delegate()).filter(a -> a.kind() == AccountKind.CAREGIVER))
                .flatMap(Optional::stream).findFirst();
    }

    private static boolean caring(Delegation d, Instant now) {
        return (d.scopes() & CARING) != 0 && now.isBefore(d.validUntil());
    }
}
