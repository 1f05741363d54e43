package io.salus.crypto.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

class Ed25519AgreementTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theX25519FormOfARegisteredKey_isThePublicKeyOfTheNodesOwnAgreementKey() {
        for (int i = 0; i < 50; i++) {
            Ed25519NodeKey node = new Ed25519NodeKey(new EvmAddress("0x" + "1".repeat(40)), Ed25519NodeKey.newSeed(
                    RANDOM));
            byte[] expected = new byte[32];
            X25519.scalarMultBase(node.agreementPrivateKey(), 0, expected, 0);
            assertThat(Ed25519Agreement.publicKeyOf(node.publicKey())).isEqualTo(expected);
        }
    }

    @Test
    void anotherNodesKey_hasAnotherAgreementKey() {
        Ed25519NodeKey a = new Ed25519NodeKey(new EvmAddress("0x" + "1".repeat(40)), Ed25519NodeKey.newSeed(RANDOM));
        Ed25519NodeKey b = new Ed25519NodeKey(new EvmAddress("0x" + "2".repeat(40)), Ed25519NodeKey.newSeed(RANDOM));
        assertThat(Ed25519Agreement.publicKeyOf(a.publicKey())).isNotEqualTo(Ed25519Agreement.publicKeyOf(b
                .publicKey()));
    }
}
