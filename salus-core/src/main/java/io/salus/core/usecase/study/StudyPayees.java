package io.salus.core.usecase.study;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ClaimKeys;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudyTerms;
import io.salus.core.usecase.deal.Caregivers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A member's payees for its part of a study (decision 0037), as a deal's match builds them: per patient who trained
 * the last round, a pseudonym and claim addresses derived from this node's claim secret under the part's key (so the
 * payments cannot be joined to the patients' accounts without it, and no other node can name them), the caregiver's
 * claim address if the patient has a caregiver now, and the providers who authored the patient's records of the
 * deal's categories, weighted by their records. The amounts are the contract's: the deal's price and split.
 * Thread-safe.
 */
public final class StudyPayees {
    private final ClaimKeys claims;
    private final Caregivers caregivers;
    private final RecordStore records;
    private final AccountStore accounts;
    private final EvmAddress self;
    private final Clock clock;

    public StudyPayees(ClaimKeys claims, Caregivers caregivers, RecordStore records, AccountStore accounts,
            EvmAddress self, Clock clock) {
        this.claims = claims;
        this.caregivers = caregivers;
        this.records = records;
        this.accounts = accounts;
        this.self = self;
        this.clock = clock;
    }

    public List<Payout> payouts(StudyTerms t, List<Account> contributors) {
        Hash32 part = StudyPart.partKey(t.study(), self);
        long mask = t.categories().stream().mapToLong(Category::mask).reduce(0, (a, b) -> a | b);
        Instant now = clock.instant();
        List<Payout> out = new ArrayList<>();
        for (Account patient : contributors) {
            EvmAddress payee = claims.claimAddress(part, ClaimKeys.patient(patient.address()));
            Hash32 pseudonym = Hashing.keccak256("salus/study-pseudonym/1".getBytes(StandardCharsets.US_ASCII),
                    part.bytes(), payee.hex().getBytes(StandardCharsets.US_ASCII));
            Optional<EvmAddress> caregiver = caregivers.of(patient, now).map(c -> claims.claimAddress(part,
                    ClaimKeys.caregiver(c.address(), pseudonym)));
            List<ProviderShare> providers = new ArrayList<>();
            records.authorsOf(patient.id(), mask).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(AccountId::toString)))
                    .forEach(e -> accounts.find(e.getKey()).filter(a -> a.kind().isProvider())
                            .ifPresent(a -> providers.add(new ProviderShare(a.address(), e.getValue()))));
            out.add(new Payout(pseudonym, payee, caregiver, providers));
        }
        return out;
    }
}
