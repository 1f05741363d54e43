package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.crypto.internal.AccountKeyPairs;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AccountKeysTest {
    private static final TinkKeyManager KEYS = TestKeys.newManager();

    @Test
    void evmAddress_matchesTheKnownEthereumTestVector() {
        byte[] privateKey = HexFormat.of()
                .parseHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        EvmAddress address = AccountKeyPairs.address(AccountKeyPairs.signingPublicKey(privateKey));
        assertThat(address).isEqualTo(new EvmAddress("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"));
    }

    @Test
    void newAccountKeys_haveAnAddressDerivedFromTheSigningKey_andX25519EncryptionKey() {
        AccountKeys keys = KEYS.newAccountKeys();
        assertThat(keys.signingPublicKey()).hasSize(65);
        assertThat(keys.signingPublicKey()[0]).isEqualTo((byte) 0x04);
        assertThat(AccountKeyPairs.address(keys.signingPublicKey())).isEqualTo(keys.address());
        assertThat(keys.encryptionPublicKey()).hasSize(32);
        assertThat(KEYS.newAccountKeys().address()).isNotEqualTo(keys.address());
    }

    @Test
    void unsealSigningKey_returnsThePrivateKeyOfTheAddress() {
        AccountKeys keys = KEYS.newAccountKeys();
        byte[] privateKey = KEYS.unsealSigningKey(keys.address(), keys.sealedSigningPrivateKey()).orElseThrow();
        assertThat(privateKey).hasSize(32);
        assertThat(AccountKeyPairs.signingPublicKey(privateKey)).isEqualTo(keys.signingPublicKey());
    }

    @Test
    void unsealSigningKey_forAnotherAddress_isKeyUnavailable() {
        AccountKeys alice = KEYS.newAccountKeys();
        AccountKeys bob = KEYS.newAccountKeys();
        assertThat(KEYS.unsealSigningKey(bob.address(), alice.sealedSigningPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void unsealSigningKey_withARelabelledAddress_isKeyUnavailable() {
        AccountKeys alice = KEYS.newAccountKeys();
        AccountKeys bob = KEYS.newAccountKeys();
        byte[] relabelled = alice.sealedSigningPrivateKey();
        byte[] bobAddress = HexFormat.of().parseHex(bob.address().hex().substring(2));
        System.arraycopy(bobAddress, 0, relabelled, 2, 20);
        assertThat(KEYS.unsealSigningKey(bob.address(), relabelled).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void unsealSigningKey_ofTheEncryptionKey_isKeyUnavailable() {
        AccountKeys alice = KEYS.newAccountKeys();
        assertThat(KEYS.unsealSigningKey(alice.address(), alice.sealedEncryptionPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void unsealSigningKey_ofAlteredOrGarbageBytes_isKeyUnavailable() {
        AccountKeys alice = KEYS.newAccountKeys();
        byte[] altered = alice.sealedSigningPrivateKey();
        altered[altered.length - 1] ^= 1;
        assertThat(KEYS.unsealSigningKey(alice.address(), altered).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(KEYS.unsealSigningKey(alice.address(), new byte[]{1, 2, 3}).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void unsealSigningKey_underAnotherNodesKek_isKeyUnavailable() {
        AccountKeys alice = KEYS.newAccountKeys();
        TinkKeyManager other = TestKeys.newManager();
        assertThat(other.unsealSigningKey(alice.address(), alice.sealedSigningPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }
}
