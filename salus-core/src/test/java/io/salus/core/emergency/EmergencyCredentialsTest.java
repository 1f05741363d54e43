package io.salus.core.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmergencyCredentialsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    private static final EvmAddress ISSUER = new EvmAddress("0x" + "1".repeat(40));
    private static final EvmAddress RESPONDER = new EvmAddress("0x" + "2".repeat(40));

    private static Attestation attestation(long id, AttestationType type, Purpose purpose, Optional<Long> revoked) {
        return new Attestation(id, ISSUER, RESPONDER, type, purpose.mask(), NOW.minusSeconds(60),
                NOW.plusSeconds(3600), 1, revoked);
    }

    private static ErrorCode code(Result<Attestation> r) {
        return r.failure().code();
    }

    @Test
    void presentedResponderCredentialForEmergencyTreatment_opensTheGlass() {
        Attestation a = attestation(7, AttestationType.EMERGENCY_RESPONDER, Purpose.ETREAT, Optional.empty());
        assertThat(EmergencyCredentials.check(List.of(a), Set.of(7L), NOW, 10).orElseThrow()).isEqualTo(a);
    }

    @Test
    void physicianLicenceForTreatment_opensTheGlass() {
        Attestation a = attestation(8, AttestationType.PHYSICIAN_LICENCE, Purpose.TREAT, Optional.empty());
        assertThat(EmergencyCredentials.check(List.of(a), Set.of(8L), NOW, 10).isOk()).isTrue();
    }

    @Test
    void onChainAttestationWithoutAPresentedCredential_isRefused() {
        Attestation a = attestation(7, AttestationType.EMERGENCY_RESPONDER, Purpose.ETREAT, Optional.empty());
        assertThat(code(EmergencyCredentials.check(List.of(a), Set.of(), NOW, 10)))
                .isEqualTo(ErrorCode.EMERGENCY_CREDENTIAL_REQUIRED);
    }

    @Test
    void credentialOfAnotherType_orForResearch_isRefused() {
        Attestation pharma = attestation(7, AttestationType.PHARMACY_LICENCE, Purpose.ETREAT, Optional.empty());
        Attestation research = attestation(8, AttestationType.PHYSICIAN_LICENCE, Purpose.HRESCH, Optional.empty());
        assertThat(code(EmergencyCredentials.check(List.of(pharma, research), Set.of(7L, 8L), NOW, 10)))
                .isEqualTo(ErrorCode.EMERGENCY_CREDENTIAL_REQUIRED);
    }

    @Test
    void revokedCredential_isRefusedAsRevoked_fromTheBlockOfItsRevocation() {
        Attestation a = attestation(7, AttestationType.EMERGENCY_RESPONDER, Purpose.ETREAT, Optional.of(10L));
        assertThat(EmergencyCredentials.check(List.of(a), Set.of(7L), NOW, 9).isOk()).isTrue();
        assertThat(code(EmergencyCredentials.check(List.of(a), Set.of(7L), NOW, 10)))
                .isEqualTo(ErrorCode.EMERGENCY_CREDENTIAL_REVOKED);
    }

    @Test
    void expiredCredential_isRefused() {
        Attestation a = attestation(7, AttestationType.EMERGENCY_RESPONDER, Purpose.ETREAT, Optional.empty());
        assertThat(code(EmergencyCredentials.check(List.of(a), Set.of(7L), NOW.plusSeconds(3600), 10)))
                .isEqualTo(ErrorCode.EMERGENCY_CREDENTIAL_REQUIRED);
    }
}
