package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Who receives a patient's caregiver share in a deal: the delegate of the patient's earliest active delegation whose
 * account is a {@code CAREGIVER} and whose scopes make it one (it may view the records or manage consent for the
 * patient). A delegate who only receives alerts is not a caregiver and is not paid. Thread-safe.
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
        return consents.delegationsOf(patient.address()).stream()
                .filter(d -> (d.scopes() & CARING) != 0 && now.isBefore(d.validUntil()))
                .sorted(Comparator.comparingLong(Delegation::atBlock))
                .map(d -> accounts.findByAddress(d.delegate()).filter(a -> a.kind() == AccountKind.CAREGIVER))
                .flatMap(Optional::stream).findFirst();
    }
}
