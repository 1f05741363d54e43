package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.record.SealedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KekRotationTest {
    private static final String OLD = "old secret";
    private static final String NEW = "new secret";
    private static final byte[] AAD = "record:7".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "vital signs".getBytes(StandardCharsets.UTF_8);

    @Test
    void rotateSecret_keepsEveryKey_andOnlyTheNewSecretOpensTheFile() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager before = TestKeys.openOrCreate(file, OLD).orElseThrow();
        AccountKeys patient = before.newAccountKeys();
        SealedRecord sealed = before.seal(TEXT, AAD, patient.encryptionPublicKey());

        KekStatus status = TestKeys.store(file).rotateSecret(OLD.toCharArray(), NEW.toCharArray()).orElseThrow();

        assertThat(status).isEqualTo(before.kekStatus());
        assertThat(TestKeys.openOrCreate(file, OLD).failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        TinkKeyManager after = TestKeys.openOrCreate(file, NEW).orElseThrow();
        assertThat(after.open(sealed, AAD).orElseThrow()).isEqualTo(TEXT);
        assertThat(after.openAsPatient(sealed, AAD, patient.sealedEncryptionPrivateKey()).orElseThrow())
                .isEqualTo(TEXT);
        assertThat(after.unsealSigningKey(patient.address(), patient.sealedSigningPrivateKey()).isOk()).isTrue();
    }

    @Test
    void rotateSecret_withTheWrongOldSecret_isKeyUnavailable_andChangesNothing() {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, OLD).orElseThrow();
        assertThat(TestKeys.store(file).rotateSecret("guess".toCharArray(), NEW.toCharArray()).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(TestKeys.openOrCreate(file, OLD).isOk()).isTrue();
    }

    @Test
    void rotateKek_addsANewPrimary_oldRecordsStillOpen_newSealsUseTheNewKey() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager before = TestKeys.openOrCreate(file, OLD).orElseThrow();
        AccountKeys patient = before.newAccountKeys();
        SealedRecord old = before.seal(TEXT, AAD, patient.encryptionPublicKey());

        KekStatus status = TestKeys.store(file).rotateKek(OLD.toCharArray())
                .orElseThrow();

        int oldPrimary = before.kekStatus().primaryKeyId();
        assertThat(status.keyIds()).hasSize(2).contains(oldPrimary);
        assertThat(status.primaryKeyId()).isNotEqualTo(oldPrimary);
        TinkKeyManager after = TestKeys.openOrCreate(file, OLD).orElseThrow();
        assertThat(after.kekStatus()).isEqualTo(status);
        assertThat(after.open(old, AAD).orElseThrow()).isEqualTo(TEXT);
        assertThat(after.openAsPatient(old, AAD, patient.sealedEncryptionPrivateKey()).orElseThrow()).isEqualTo(TEXT);
        assertThat(after.unsealSigningKey(patient.address(), patient.sealedSigningPrivateKey()).isOk()).isTrue();

        SealedRecord fresh = after.seal(TEXT, AAD, patient.encryptionPublicKey());
        assertThat(after.needsRewrap(old.wrappedKeyForNode())).isTrue();
        assertThat(after.needsRewrap(fresh.wrappedKeyForNode())).isFalse();
        assertThat(before.open(fresh, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void rewrap_movesWrappedKeysToTheNewPrimary_andTheyStillOpen() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager before = TestKeys.openOrCreate(file, OLD).orElseThrow();
        AccountKeys patient = before.newAccountKeys();
        SealedRecord old = before.seal(TEXT, AAD, patient.encryptionPublicKey());
        TestKeys.store(file).rotateKek(OLD.toCharArray()).orElseThrow();
        TinkKeyManager after = TestKeys.openOrCreate(file, OLD).orElseThrow();

        byte[] rewrapped = after.rewrap(old.wrappedKeyForNode(), AAD).orElseThrow();
        assertThat(after.needsRewrap(rewrapped)).isFalse();
        SealedRecord moved = new SealedRecord(old.ciphertext(), rewrapped, old.wrappedKeyForPatient());
        assertThat(after.open(moved, AAD).orElseThrow()).isEqualTo(TEXT);
        assertThat(before.open(moved, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);

        assertThat(after.sealedKeyNeedsRewrap(patient.sealedSigningPrivateKey())).isTrue();
        byte[] signing = after.rewrapSealedKey(patient.sealedSigningPrivateKey()).orElseThrow();
        byte[] encryption = after.rewrapSealedKey(patient.sealedEncryptionPrivateKey()).orElseThrow();
        assertThat(after.sealedKeyNeedsRewrap(signing)).isFalse();
        assertThat(after.sealedKeyNeedsRewrap(encryption)).isFalse();
        assertThat(after.unsealSigningKey(patient.address(), signing).orElseThrow())
                .isEqualTo(after.unsealSigningKey(patient.address(), patient.sealedSigningPrivateKey()).orElseThrow());
        assertThat(after.openAsPatient(moved, AAD, encryption).orElseThrow()).isEqualTo(TEXT);
    }

    @Test
    void rewrap_withTheWrongAssociatedData_isTampered() {
        TinkKeyManager keys = TestKeys.newManager();
        SealedRecord sealed = keys.seal(TEXT, AAD, keys.newAccountKeys().encryptionPublicKey());
        assertThat(keys.rewrap(sealed.wrappedKeyForNode(), "record:8".getBytes(StandardCharsets.UTF_8)).failure()
                .code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void rotateKek_twice_keepsAllThreeKeys() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager first = TestKeys.openOrCreate(file, OLD).orElseThrow();
        SealedRecord sealed = first.seal(TEXT, AAD, first.newAccountKeys().encryptionPublicKey());
        TestKeys.store(file).rotateKek(OLD.toCharArray()).orElseThrow();
        KekStatus status = TestKeys.store(file).rotateKek(OLD.toCharArray())
                .orElseThrow();
        assertThat(status.keyIds()).hasSize(3).doesNotHaveDuplicates();
        assertThat(TestKeys.openOrCreate(file, OLD).orElseThrow().open(sealed, AAD).orElseThrow()).isEqualTo(TEXT);
    }
}
