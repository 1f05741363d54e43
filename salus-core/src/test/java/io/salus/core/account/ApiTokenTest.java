package io.salus.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    @Test
    void generatedTokensAreWellFormedDistinctAndHashDeterministically() {
        SecureRandom random = new SecureRandom();
        String a = ApiToken.generate(random);
        String b = ApiToken.generate(random);
        assertThat(ApiToken.wellFormed(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
        assertThat(ApiToken.hash(a)).isEqualTo(ApiToken.hash(a)).isNotEqualTo(ApiToken.hash(b));
    }

    @Test
    void malformedTokensAreRejectedBeforeAnyLookup() {
        assertThat(ApiToken.wellFormed(null)).isFalse();
        assertThat(ApiToken.wellFormed("Bearer x")).isFalse();
        assertThat(ApiToken.wellFormed("salus_" + "x".repeat(300))).isFalse();
    }

    @Test
    void didPkhNamesTheChainAndAddress() {
        EvmAddress address = new EvmAddress("0x2C7536E3605D9C16A7A3D7B1898E529396A65C23");
        assertThat(Did.pkh(31337, address))
                .isEqualTo("did:pkh:eip155:31337:0x2c7536e3605d9c16a7a3d7b1898e529396a65c23");
    }
}
