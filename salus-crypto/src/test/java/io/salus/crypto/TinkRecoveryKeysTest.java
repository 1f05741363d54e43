package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.record.SealedRecord;
import io.salus.core.recovery.RecoveryKeys.NewKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TinkRecoveryKeysTest {
    private static final byte[] AAD = "salus-record-v1|r|p|VITAL_SIGNS".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "{\"resourceType\":\"Observation\"}".getBytes(StandardCharsets.UTF_8);
    private final TinkKeyManager keys = TestKeys.newManager();
    private final TinkRecoveryKeys recovery = TinkRecoveryKeys.of(keys);

    @Test
    void aRewrappedDataKey_opensWithTheNewKeyAndNoLongerWithTheOld() {
        AccountKeys patient = keys.newAccountKeys();
        SealedRecord sealed = keys.seal(TEXT, AAD, patient.encryptionPublicKey());
        NewKey next = recovery.newEncryptionKey(patient.address());
        byte[] oldPrivate = recovery.unsealEncryptionKey(patient.sealedEncryptionPrivateKey()).orElseThrow();
        assertThat(recovery.publicKey(oldPrivate)).isEqualTo(patient.encryptionPublicKey());
        byte[] rewrapped = recovery.rewrap(oldPrivate, sealed.wrappedKeyForPatient(), AAD, next.publicKey())
                .orElseThrow();
        SealedRecord after = new SealedRecord(sealed.ciphertext(), sealed.wrappedKeyForNode(), rewrapped);
        assertThat(keys.openAsPatient(after, AAD, next.sealedPrivateKey()).orElseThrow()).isEqualTo(TEXT);
        assertThat(keys.openAsPatient(after, AAD, patient.sealedEncryptionPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void aSealedShare_opensOnlyWithItsHoldersKeyInItsContext() {
        AccountKeys guardian = keys.newAccountKeys();
        AccountKeys other = keys.newAccountKeys();
        byte[] context = "salus/recovery-share/1|p|g|1".getBytes(StandardCharsets.UTF_8);
        byte[] box = recovery.seal(guardian.encryptionPublicKey(), new byte[]{1, 2, 3}, context);
        assertThat(recovery.open(guardian.sealedEncryptionPrivateKey(), box, context).orElseThrow())
                .containsExactly(1, 2, 3);
        assertThat(recovery.open(other.sealedEncryptionPrivateKey(), box, context).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_SHARE_TAMPERED);
        assertThat(recovery.open(guardian.sealedEncryptionPrivateKey(), box,
                "salus/recovery-share/1|p|g|2".getBytes(StandardCharsets.UTF_8)).failure().code())
                .isEqualTo(ErrorCode.RECOVERY_SHARE_TAMPERED);
    }
}
