package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.deal.DealPseudonym;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ClaimKeys;
import io.salus.core.port.RecordStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A cohort member's payout in a deal: its deal pseudonym, its per-deal claim address (and its caregiver's), and the
 * authoring providers the marketplace's PROVIDER rule pays with their record counts. {@code payable} remembers, for one
 * match, which providers the rule pays, and {@code authors} their accounts (a hospital authors most patients' records:
 * read once per match). Stateless.
 */
public final class DealPayouts {
    private DealPayouts() {
    }

    public static Payout of(RecordStore records, AccountStore accounts, ClaimKeys claims,
            Predicate<Account> payableProvider, Hash32 dealId, long categories, byte[] secret, Account patient,
            Optional<Account> caregiver, Map<AccountId, Boolean> payable, Map<AccountId, Optional<Account>> authors) {
        return of(accounts, claims, payableProvider, dealId, secret, patient, caregiver,
                records.authorsOf(patient.id(), categories), payable, authors);
    }

    /** The same, from the patient's record counts by author already read (a match reads them per chunk). */
    public static Payout of(AccountStore accounts, ClaimKeys claims, Predicate<Account> payableProvider,
            Hash32 dealId, byte[] secret, Account patient, Optional<Account> caregiver,
            Map<AccountId, Integer> authorCounts, Map<AccountId, Boolean> payable,
            Map<AccountId, Optional<Account>> authors) {
        Hash32 pseudonym = DealPseudonym.of(secret, dealId, patient.address());
        List<ProviderShare> providers = new ArrayList<>();
        authorCounts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(AccountId::toString)))
                .forEach(e -> authors.computeIfAbsent(e.getKey(), accounts::find).filter(a -> a.kind().isProvider())
                        .filter(a -> payable.computeIfAbsent(a.id(), id -> payableProvider.test(a)))
                        .ifPresent(a -> providers.add(new ProviderShare(a.address(), e.getValue()))));
        return new Payout(pseudonym, claims.claimAddress(dealId, ClaimKeys.patient(patient.address())),
                caregiver.map(c -> claims.claimAddress(dealId, ClaimKeys.caregiver(c.address(), pseudonym))),
                providers);
    }
}
