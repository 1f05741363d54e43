package io.salus.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialTermsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.750Z");
    private static final Instant NEXT_YEAR = Instant.parse("2027-03-01T10:00:00.250Z");
    private static final Set<Purpose> RESEARCH = EnumSet.of(Purpose.HRESCH, Purpose.CLINTRCH);

    @Test
    void aConsumerTypeCredential_disclosesItsTypeItsPurposesAndItsClaims_inThatOrder() {
        CredentialTerms t = CredentialTerms.of(AttestationType.ACADEMIC_RESEARCHER, RESEARCH, NEXT_YEAR,
                Map.of("organisation", "Lab"), NOW).orElseThrow();

        assertThat(t.disclosable()).containsExactly(Map.entry("consumer_type", "ACADEMIC_RESEARCHER"),
                Map.entry("purposes", List.of("HRESCH", "CLINTRCH")), Map.entry("organisation", "Lab"));
        assertThat(t.purposeMask()).isEqualTo(Purpose.maskOf(RESEARCH));
    }

    @Test
    void aLicence_hasNoConsumerTypeClaim() {
        CredentialTerms t = CredentialTerms.of(AttestationType.PHYSICIAN_LICENCE, EnumSet.of(Purpose.TREAT),
                NEXT_YEAR, Map.of("licence_number", "GMC-1"), NOW).orElseThrow();

        assertThat(t.disclosable()).containsOnlyKeys("purposes", "licence_number");
    }

    @Test
    void theValidity_isInWholeSecondsFromIssuance() {
        CredentialTerms t = CredentialTerms.of(AttestationType.PHARMA, RESEARCH, NEXT_YEAR, Map.of(), NOW)
                .orElseThrow();

        assertThat(t.issuedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(t.expiresAt()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
    }

    @Test
    void aClaimOutsideTheOptionalOnes_isRefusedNamingTheClaims() {
        Failure f = CredentialTerms.of(AttestationType.PHARMA, RESEARCH, NEXT_YEAR, Map.of("consumer_type", "X"),
                NOW).failure();

        assertThat(f.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(f.detail()).contains("consumer_type");
        assertThat(f.issues()).extracting(Failure.Issue::location).containsExactly("claims");
    }

    @Test
    void noPurposes_orAnEndNotAfterIssuance_isRefused() {
        assertThat(CredentialTerms.of(AttestationType.PHARMA, Set.of(), NEXT_YEAR, Map.of(), NOW).failure().code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(CredentialTerms.of(AttestationType.PHARMA, RESEARCH, NOW.plusMillis(100), Map.of(), NOW)
                .failure().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
