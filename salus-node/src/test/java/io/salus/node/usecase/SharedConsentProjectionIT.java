package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.compute.consent.RoaringConsentIndex;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.store.Database;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of a node share the consent projection in PostgreSQL and its cursor, each with its own in-memory index
 * (decision 0031): a grant one instance synced (moving the shared cursor past it) still reaches the other's index.
 */
@WithPostgres
@WithChain
class SharedConsentProjectionIT {
    @TempDir
    static Path dir;

    @Test
    void aGrantSyncedByOneInstance_reachesTheOtherInstancesIndex(Database db, TestChain chain) {
        Adapters a = new Adapters(db, chain, dir);
        RoaringConsentIndex otherIndex = new RoaringConsentIndex(a.clock.instant(), 0);
        ConsentSync other = new ConsentSync(chain.consent(), a.consents, otherIndex);
        other.start();
        try (Adapters.Consent first = a.consent()) {
            Account patient = a.open(AccountKind.PATIENT, "Patient of two instances");
            Instant now = Instant.ofEpochSecond(a.clock.instant().getEpochSecond());
            first.service().grantCustodial(patient, new GrantTerms(patient.address(), Category.LAB_RESULTS.mask(),
                    AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(), now.minusSeconds(60),
                    now.plus(Duration.ofDays(30)), 0, Optional.empty())).orElseThrow();
            long firstSaw = first.sync().toHead();
            assertThat(a.consents.syncedBlock()).as("the shared cursor is past the grant").isGreaterThanOrEqualTo(
                    firstSaw);

            long block = other.toHead();

            OptionalInt ordinal = otherIndex.ordinalIfKnown(patient.address());
            assertThat(ordinal).isPresent();
            assertThat(otherIndex.permits(ordinal.getAsInt(), Category.LAB_RESULTS,
                    AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH, now, block)).isTrue();
        }
    }
}
