package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyPurpose;
import io.salus.core.record.SealedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The keys derived from the KEK (blind indexes, keyed hashes, pseudonyms) and the values sealed under it. */
class PurposeKeysTest {
    private static final byte[] SSN = "http://hl7.org/fhir/sid/us-ssn|999-12-3456".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "row 7".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeyedHash_isStableForTheNode_andDiffersByPurposeAndByNode() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager node = TestKeys.openOrCreate(file, "secret").orElseThrow();
        TinkKeyManager reopened = TestKeys.openOrCreate(file, "secret").orElseThrow();
        Hash32 index = node.keyedHash(KeyPurpose.BLIND_INDEX, SSN);

        assertThat(reopened.keyedHash(KeyPurpose.BLIND_INDEX, SSN)).isEqualTo(index);
        assertThat(node.keyedHash(KeyPurpose.RECORD_HASH, SSN)).isNotEqualTo(index);
        assertThat(node.keyedHash(KeyPurpose.ACCESS_LOG, SSN)).isNotEqualTo(index);
        assertThat(TestKeys.newManager().keyedHash(KeyPurpose.BLIND_INDEX, SSN)).isNotEqualTo(index);
        assertThat(node.keyedHash(KeyPurpose.BLIND_INDEX, "other".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(index);
    }

    @Test
    void kekRotation_keepsEveryPurposeKey_soLookUpsKeepWorking() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager before = TestKeys.openOrCreate(file, "old").orElseThrow();
        Hash32 index = before.keyedHash(KeyPurpose.BLIND_INDEX, SSN);

        TestKeys.store(file).rotateKek("old".toCharArray()).orElseThrow();
        TestKeys.store(file).rotateSecret("old".toCharArray(), "new".toCharArray()).orElseThrow();
        TinkKeyManager after = TestKeys.openOrCreate(file, "new").orElseThrow();

        assertThat(after.kekStatus().primaryKeyId()).isNotEqualTo(before.kekStatus().primaryKeyId());
        assertThat(after.derivationKeyId()).isEqualTo(before.derivationKeyId())
                .isEqualTo(before.kekStatus().primaryKeyId());
        assertThat(after.keyedHash(KeyPurpose.BLIND_INDEX, SSN)).isEqualTo(index);
    }

    @Test
    void aSealedValue_opensOnlyWithItsAssociatedData_andOnlyUnderThisKek() {
        TinkKeyManager keys = TestKeys.newManager();
        byte[] sealed = keys.sealValue(SSN, AAD);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("999-12-3456");
        assertThat(keys.openValue(sealed, AAD).orElseThrow()).isEqualTo(SSN);
        assertThat(keys.sealValue(SSN, AAD)).isNotEqualTo(sealed);
        assertThat(keys.openValue(sealed, "row 8".getBytes(StandardCharsets.UTF_8)).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
        assertThat(TestKeys.newManager().openValue(sealed, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        sealed[sealed.length - 1] ^= 1;
        assertThat(keys.openValue(sealed, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void aSealedValue_isNotAWrappedRecordKey_andAWrappedKeyIsNotASealedValue() {
        TinkKeyManager keys = TestKeys.newManager();
        var patient = keys.newAccountKeys();
        SealedRecord record = keys.seal(SSN, AAD, patient.encryptionPublicKey());
        byte[] value = keys.sealValue(new byte[32], AAD);

        assertThat(keys.openValue(record.wrappedKeyForNode(), AAD).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
        SealedRecord swapped = new SealedRecord(record.ciphertext(), value, record.wrappedKeyForPatient());
        assertThat(keys.open(swapped, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void aValueSealedBeforeARotation_isResealedUnderTheNewPrimary() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager before = TestKeys.openOrCreate(file, "s").orElseThrow();
        byte[] sealed = before.sealValue(SSN, AAD);
        TestKeys.store(file).rotateKek("s".toCharArray()).orElseThrow();
        TinkKeyManager after = TestKeys.openOrCreate(file, "s").orElseThrow();

        assertThat(after.valueNeedsRewrap(sealed)).isTrue();
        byte[] resealed = after.rewrapValue(sealed, AAD).orElseThrow();
        assertThat(after.valueNeedsRewrap(resealed)).isFalse();
        assertThat(after.openValue(resealed, AAD).orElseThrow()).isEqualTo(SSN);
    }
}
