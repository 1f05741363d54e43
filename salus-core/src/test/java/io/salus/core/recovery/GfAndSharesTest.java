package io.salus.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class GfAndSharesTest {

    @Test
    void gf256_multiplicationMatchesTheAesFieldAndDivisionInvertsIt() {
        assertThat(Gf256.mul(0x57, 0x83)).isEqualTo(0xc1);
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b += 17) {
                assertThat(Gf256.div(Gf256.mul(a, b), b)).isEqualTo(a);
            }
        }
    }

    @Test
    void aShare_roundTripsThroughItsEncodingAndRefusesXZero() {
        ShamirShare s = new ShamirShare(7, new byte[]{1, 2, 3});
        assertThat(ShamirShare.decode(s.encode())).isEqualTo(s);
        assertThatThrownBy(() -> new ShamirShare(0, new byte[]{1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecoveredApiToken_isTheSameForTheSameClaimAndDiffersAcrossRecoveries() {
        String claim = RecoveryTokens.newClaim(new java.security.SecureRandom());
        UUID a = UUID.randomUUID();
        assertThat(RecoveryTokens.apiToken(claim, a)).isEqualTo(RecoveryTokens.apiToken(claim, a))
                .startsWith("salus_").isNotEqualTo(RecoveryTokens.apiToken(claim, UUID.randomUUID()));
        assertThat(io.salus.core.account.ApiToken.wellFormed(RecoveryTokens.apiToken(claim, a))).isTrue();
    }
}
