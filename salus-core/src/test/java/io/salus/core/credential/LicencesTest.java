package io.salus.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.Licences.Standing;
import io.salus.core.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LicencesTest {
    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    private static final EvmAddress BOARD = new EvmAddress("0x" + "1".repeat(40));
    private static final EvmAddress PROVIDER = new EvmAddress("0x" + "2".repeat(40));

    private static Attestation licence(long id, AttestationType type, Optional<Long> revoked) {
        return new Attestation(id, BOARD, PROVIDER, type, Purpose.TREAT.mask(), NOW.minusSeconds(60),
                NOW.plusSeconds(3600), 1, revoked);
    }

    private static Standing standing(AccountKind kind, Attestation a, Set<Long> backed, long block) {
        return Licences.check(kind, List.of(a), backed, NOW, block).standing();
    }

    @Test
    void eachProviderKind_isLicensedOnlyByThePresentedLicenceOfItsKind() {
        Attestation pharmacy = licence(3, AttestationType.PHARMACY_LICENCE, Optional.empty());
        assertThat(standing(AccountKind.PHARMACY, pharmacy, Set.of(3L), 5)).isEqualTo(Standing.LICENSED);
        assertThat(standing(AccountKind.HOSPITAL, pharmacy, Set.of(3L), 5)).isEqualTo(Standing.UNLICENSED);
        assertThat(standing(AccountKind.PHARMACY, pharmacy, Set.of(), 5)).as("on chain only, never presented")
                .isEqualTo(Standing.UNLICENSED);
        assertThat(standing(AccountKind.CONSUMER, pharmacy, Set.of(3L), 5)).isEqualTo(Standing.NOT_A_PROVIDER);
    }

    @Test
    void revokedLicence_stopsTheProviderFromTheBlockOfItsRevocation_whateverThePolicy() {
        Attestation a = licence(4, AttestationType.PHYSICIAN_LICENCE, Optional.of(9L));
        assertThat(standing(AccountKind.PHYSICIAN, a, Set.of(4L), 8)).isEqualTo(Standing.LICENSED);
        assertThat(standing(AccountKind.PHYSICIAN, a, Set.of(4L), 9)).isEqualTo(Standing.REVOKED);
        for (LicencePolicy p : List.of(LicencePolicy.of(false), LicencePolicy.of(true))) {
            assertThat(p.refusal(Standing.REVOKED).orElseThrow().code()).contains(ErrorCode.LICENCE_REVOKED);
            assertThat(p.refusal(Standing.LICENSED)).isEmpty();
        }
    }

    @Test
    void missingLicence_stopsTheProviderOnlyWhereTheNodeRequiresLicences() {
        assertThat(LicencePolicy.of(false).refusal(Standing.UNLICENSED)).isEmpty();
        assertThat(LicencePolicy.of(true).refusal(Standing.UNLICENSED).orElseThrow().code())
                .contains(ErrorCode.LICENCE_REQUIRED);
        assertThat(LicencePolicy.of(true).refusal(Standing.NOT_A_PROVIDER)).isEmpty();
        assertThat(LicencePolicy.NONE.refusal(Standing.REVOKED)).isEmpty();
    }
}
