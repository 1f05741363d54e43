package io.salus.testkit.data;

import static io.salus.testkit.data.StoreFixtures.bytes;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Consent test data, the one set for every module that can depend on the kit: addresses, grant terms, grants,
 * attestations and delegations as the chain emits them (for projections), and signable terms and attestations (for
 * ledgers). {@code salus-core}'s policy tests keep their own builders: the kit depends on core, so core's tests cannot
 * depend on the kit.
 */
public final class ConsentFixtures {
    public static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");

    private ConsentFixtures() {
    }

    public static EvmAddress address() {
        return EvmAddress.of(bytes(20));
    }

    public static GrantTerms terms(EvmAddress patient, Optional<EvmAddress> named) {
        return new GrantTerms(patient, Category.CONDITIONS.mask() | Category.LAB_RESULTS.mask(),
                AttestationType.ACADEMIC_RESEARCHER.mask() | AttestationType.PUBLIC_HEALTH.mask(),
                Purpose.maskOf(EnumSet.of(Purpose.HRESCH, Purpose.PUBHLTH)), FROM, UNTIL, 1_000_000_000_000L, named);
    }

    public static Grant grant(long id, EvmAddress patient, long block) {
        return new Grant(id, terms(patient, Optional.empty()), patient, block, Optional.empty());
    }

    public static ConsentEvent.GrantRecorded recorded(Grant g, int logIndex) {
        return new ConsentEvent.GrantRecorded(g, logIndex);
    }

    public static Attestation attestation(long id, EvmAddress issuer, EvmAddress subject, long block) {
        return new Attestation(id, issuer, subject, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.maskOf(EnumSet.of(Purpose.HRESCH, Purpose.CLINTRCH)), FROM, UNTIL, block, Optional.empty());
    }

    public static Delegation delegation(EvmAddress patient, EvmAddress delegate, int scopes, long block) {
        return new Delegation(patient, delegate, scopes, UNTIL.plusSeconds(block), block);
    }

    public static int scopes(DelegationScope... scopes) {
        int m = 0;
        for (DelegationScope s : scopes) {
            m |= s.mask();
        }
        return m;
    }

    /**
     * Signable terms: conditions and lab results for academic researchers and public health, for research and public
     * health, 2023 to 2030, a minimum price of 1234.
     */
    public static GrantTerms researchTerms(EvmAddress patient, Optional<EvmAddress> consumer) {
        return new GrantTerms(patient, Category.CONDITIONS.mask() | Category.LAB_RESULTS.mask(),
                AttestationType.maskOf(Set.of(AttestationType.ACADEMIC_RESEARCHER, AttestationType.PUBLIC_HEALTH)),
                Purpose.maskOf(Set.of(Purpose.HRESCH, Purpose.PUBHLTH)), Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochSecond(1_900_000_000L), 1234, consumer);
    }

    /** A signable attestation: an academic researcher for research and clinical trials, 2023 to 2030. */
    public static Payloads.Attest researcher(EvmAddress subject) {
        return new Payloads.Attest(subject, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.maskOf(Set.of(Purpose.HRESCH, Purpose.CLINTRCH)), Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochSecond(1_900_000_000L));
    }
}
