package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.record.Category;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The audit entries of a deal's use of its members' data (a delivery, or a compute job over them): one permit per
 * patient and deal category, naming the consumer, the purpose and why, as a FHIR AuditEvent (the patients'
 * accounts read in one query). Stateless.
 */
public final class DealAudit {
    private DealAudit() {
    }

    static List<AuditEntry> entries(AccountStore accounts, AuditEventFormatter formatter, RandomGenerator random,
            Clock clock, Deal d, Account consumer, List<DealMember> included, String why) {
        return entries(accounts, formatter, random, clock, d.terms().purpose(), d.categories(), consumer, included,
                why);
    }

    /** As above for a deal's purpose and categories (a federated deal's part, which has no local {@link Deal}). */
    public static List<AuditEntry> entries(AccountStore accounts, AuditEventFormatter formatter,
            RandomGenerator random, Clock clock, Purpose purpose, List<Category> categories, Account consumer,
            List<DealMember> included, String why) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<AuditEntry> out = new ArrayList<>();
        Map<AccountId, Account> found = accounts.findAll(included.stream().flatMap(m -> m.patient().stream())
                .toList());
        for (DealMember m : included) {
            Account patient = m.patient().map(found::get).filter(a -> a.kind() == AccountKind.PATIENT)
                    .orElseThrow();
            for (Category c : categories) {
                UUID id = new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                        random.nextLong() & ~0xC000000000000000L | 0x8000000000000000L);
                Decision decision = Decision.permitByGrant(0, why);
                byte[] json = formatter.format(id, consumer, patient, c, purpose, at, decision);
                out.add(new AuditEntry(id, consumer.id(), patient.id(), c, purpose, at, decision, json,
                        Hashing.keccak256(json), Optional.empty(), Optional.empty()));
            }
        }
        return out;
    }
}
