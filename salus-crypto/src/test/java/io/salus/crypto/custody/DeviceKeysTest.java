package io.salus.crypto.custody;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.record.SealedRecord;
import io.salus.crypto.KdfParameters;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device side of self-custody: the passphrase-encrypted key file, and opening what the node sealed. */
class DeviceKeysTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final KdfParameters FAST = new KdfParameters(64, 1, 1);

    @Test
    void aKeyFile_opensOnlyWithItsPassphrase_andGivesBackTheSameKeys() {
        try (DeviceKeys keys = DeviceKeys.generate(RANDOM)) {
            byte[] file = DeviceKeyFile.encrypt(keys, "right passphrase".toCharArray(), FAST, RANDOM);
            String text = new String(file, StandardCharsets.UTF_8);
            assertThat(text).startsWith("salus-device-keys v1\n").contains(keys.address().hex());
            assertThat(DeviceKeyFile.addressOf(file).orElseThrow()).isEqualTo(keys.address());
            try (DeviceKeys opened = DeviceKeyFile.decrypt(file, "right passphrase".toCharArray()).orElseThrow()) {
                assertThat(opened.address()).isEqualTo(keys.address());
                assertThat(opened.encryptionPublicKey()).isEqualTo(keys.encryptionPublicKey());
                assertThat(opened.signingPrivateKey()).isEqualTo(keys.signingPrivateKey());
            }
            Result<DeviceKeys> wrong = DeviceKeyFile.decrypt(file, "wrong passphrase".toCharArray());
            assertThat(wrong.isOk()).isFalse();
            assertThat(wrong.failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        }
    }

    @Test
    void aKeyFileMovedToAnotherAddress_orAltered_opensNothing() {
        try (DeviceKeys keys = DeviceKeys.generate(RANDOM); DeviceKeys other = DeviceKeys.generate(RANDOM)) {
            String text = new String(DeviceKeyFile.encrypt(keys, "p".toCharArray(), FAST, RANDOM),
                    StandardCharsets.UTF_8);
            byte[] moved = text.replace(keys.address().hex(), other.address().hex()).getBytes(StandardCharsets.UTF_8);
            assertThat(DeviceKeyFile.decrypt(moved, "p".toCharArray()).isOk()).isFalse();
            int at = text.indexOf("sealed ") + 10;
            char flipped = text.charAt(at) == '0' ? '1' : '0';
            byte[] altered = (text.substring(0, at) + flipped + text.substring(at + 1))
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(DeviceKeyFile.decrypt(altered, "p".toCharArray()).isOk()).isFalse();
            assertThat(DeviceKeyFile.decrypt("not a key file".getBytes(StandardCharsets.UTF_8), "p".toCharArray())
                    .isOk()).isFalse();
        }
    }

    @Test
    void theDeviceOpensARecordTheNodeSealedToItsKey_andNoOtherKeyOrBindingDoes(@TempDir Path dir) {
        TinkKeyManager node = new TinkKekStore(dir.resolve("kek.json"), RANDOM, FAST)
                .openOrCreate("node secret".toCharArray()).orElseThrow();
        byte[] plain = "{\"resourceType\":\"Observation\"}".getBytes(StandardCharsets.UTF_8);
        byte[] aad = "record|patient|VITAL_SIGNS".getBytes(StandardCharsets.UTF_8);
        try (DeviceKeys keys = DeviceKeys.generate(RANDOM); DeviceKeys other = DeviceKeys.generate(RANDOM)) {
            SealedRecord sealed = node.seal(plain, aad, keys.encryptionPublicKey());
            assertThat(keys.openRecord(sealed.ciphertext(), sealed.wrappedKeyForPatient(), aad).orElseThrow())
                    .isEqualTo(plain);
            assertThat(other.openRecord(sealed.ciphertext(), sealed.wrappedKeyForPatient(), aad).failure().code())
                    .isEqualTo(ErrorCode.RECORD_TAMPERED);
            byte[] otherAad = "record|patient|LAB_RESULTS".getBytes(StandardCharsets.UTF_8);
            assertThat(keys.openRecord(sealed.ciphertext(), sealed.wrappedKeyForPatient(), otherAad).isOk())
                    .isFalse();
        }
    }
}
