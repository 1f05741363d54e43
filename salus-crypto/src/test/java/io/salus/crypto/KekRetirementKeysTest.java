package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.subtle.Hkdf;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.port.KeyPurpose;
import io.salus.core.record.SealedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Deleting old KEK keys from the keyset file once everything was re-wrapped ({@link TinkKekStore#retireOldKeys}). */
class KekRetirementKeysTest {
    private static final String SECRET = "secret";
    private static final byte[] AAD = "record:7".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "vital signs".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SSN = "us-ssn|999-12-3456".getBytes(StandardCharsets.UTF_8);

    @Test
    void purposeKeys_areHkdfOfTheFirstKey_asBeforeTheDerivationRootExisted() throws Exception {
        TinkKeyManager keys = TestKeys.newManager();
        byte[] first = ((AesGcmKey) keys.kek().keyset().getAt(0).getKey()).getKeyBytes()
                .toByteArray(InsecureSecretKeyAccess.get());
        byte[] expected = Hkdf.computeHkdf("HMACSHA256", first,
                "salus/kek-derive/1".getBytes(StandardCharsets.US_ASCII),
                "salus/blind-index/1".getBytes(StandardCharsets.UTF_8), 32);

        assertThat(keys.kek().derive("salus/blind-index/1")).isEqualTo(expected);
    }

    @Test
    void retireOldKeys_afterRewrapping_deletesTheOldKey_keepsPurposeKeys_andRewrappedValuesOpen() throws Exception {
        Path file = TestKeys.newKekFile();
        TinkKeyManager before = TestKeys.openOrCreate(file, SECRET).orElseThrow();
        int oldKey = before.kekStatus().primaryKeyId();
        AccountKeys patient = before.newAccountKeys();
        SealedRecord record = before.seal(TEXT, AAD, patient.encryptionPublicKey());
        byte[] secret = before.sealSecret(TEXT, "deal-secret|0x01");
        Hash32 index = before.keyedHash(KeyPurpose.BLIND_INDEX, SSN);
        TestKeys.store(file).rotateKek(SECRET.toCharArray()).orElseThrow();
        TinkKeyManager rotated = TestKeys.openOrCreate(file, SECRET).orElseThrow();
        byte[] wrapped = rotated.rewrapRecordKey(record.wrappedKeyForNode(), AAD).orElseThrow();
        byte[] resealed = rotated.rewrapSecret(secret, "deal-secret|0x01").orElseThrow();
        byte[] signing = rotated.rewrapAccountKey(patient.sealedSigningPrivateKey()).orElseThrow();

        KekStatus status = TestKeys.store(file).retireOldKeys(SECRET.toCharArray(), rotated.primaryKeyId())
                .orElseThrow();

        assertThat(status.keyIds()).containsExactly(rotated.primaryKeyId());
        assertThat(Files.readString(file)).contains("derivationRoot");
        TinkKeyManager after = TestKeys.openOrCreate(file, SECRET).orElseThrow();
        assertThat(after.kekStatus().keyIds()).doesNotContain(oldKey);
        assertThat(after.keyedHash(KeyPurpose.BLIND_INDEX, SSN)).isEqualTo(index);
        assertThat(after.derivationKeyId()).isEqualTo(oldKey);
        SealedRecord moved = new SealedRecord(record.ciphertext(), wrapped, record.wrappedKeyForPatient());
        assertThat(after.open(moved, AAD).orElseThrow()).isEqualTo(TEXT);
        assertThat(after.openSecret(resealed, "deal-secret|0x01").orElseThrow()).isEqualTo(TEXT);
        assertThat(after.unsealSigningKey(patient.address(), signing).isOk()).isTrue();
        assertThat(after.open(record, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        assertThat(after.openSecret(secret, "deal-secret|0x01").failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void aRotationAfterRetirement_keepsTheDerivationRoot_andThePurposeKeys() {
        Path file = TestKeys.newKekFile();
        Hash32 index = TestKeys.openOrCreate(file, SECRET).orElseThrow().keyedHash(KeyPurpose.ACCESS_LOG, SSN);
        int second = TestKeys.store(file).rotateKek(SECRET.toCharArray()).orElseThrow().primaryKeyId();
        TestKeys.store(file).retireOldKeys(SECRET.toCharArray(), second).orElseThrow();
        int third = TestKeys.store(file).rotateKek(SECRET.toCharArray()).orElseThrow().primaryKeyId();
        TestKeys.store(file).rotateSecret(SECRET.toCharArray(), "new".toCharArray()).orElseThrow();
        TestKeys.store(file).retireOldKeys("new".toCharArray(), third).orElseThrow();

        TinkKeyManager after = TestKeys.openOrCreate(file, "new").orElseThrow();
        assertThat(after.kekStatus().keyIds()).containsExactly(third);
        assertThat(after.keyedHash(KeyPurpose.ACCESS_LOG, SSN)).isEqualTo(index);
    }

    @Test
    void retireOldKeys_withAWrongSecret_refuses_andLeavesTheFileAsItWas() throws Exception {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, SECRET).orElseThrow();
        int primary = TestKeys.store(file).rotateKek(SECRET.toCharArray()).orElseThrow().primaryKeyId();
        byte[] content = Files.readAllBytes(file);

        assertThat(TestKeys.store(file).retireOldKeys("guess".toCharArray(), primary).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void retireOldKeys_whenThePrimaryChangedSinceTheRewrap_deletesNothing() throws Exception {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, SECRET).orElseThrow();
        int rewrappedTo = TestKeys.store(file).rotateKek(SECRET.toCharArray()).orElseThrow().primaryKeyId();
        TestKeys.store(file).rotateKek(SECRET.toCharArray()).orElseThrow();
        byte[] content = Files.readAllBytes(file);

        assertThat(TestKeys.store(file).retireOldKeys(SECRET.toCharArray(), rewrappedTo).failure().detail())
                .contains("no key deleted");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void theCurrentCheck_tellsValuesUnderThePrimaryFromOlderOnes() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager before = TestKeys.openOrCreate(file, SECRET).orElseThrow();
        AccountKeys patient = before.newAccountKeys();
        byte[] value = before.sealValue(TEXT, AAD);
        TestKeys.store(file).rotateKek(SECRET.toCharArray()).orElseThrow();
        TinkKeyManager after = TestKeys.openOrCreate(file, SECRET).orElseThrow();

        assertThat(before.current(value, 0)).isTrue();
        assertThat(after.current(value, 0)).isFalse();
        assertThat(after.current(after.rewrapValue(value, AAD).orElseThrow(), 0)).isTrue();
        assertThat(after.current(patient.sealedSigningPrivateKey(), after.accountKeyOffset())).isFalse();
        assertThat(after.current(after.rewrapAccountKey(patient.sealedSigningPrivateKey()).orElseThrow(),
                after.accountKeyOffset())).isTrue();
    }
}
