package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.record.SealedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.junit.jupiter.api.Test;

class TinkKeyManagerTest {
    private static final String SECRET = "correct horse battery staple";
    private static final byte[] AAD = "record:42".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "{\"resourceType\":\"Observation\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void firstOpen_createsAnEncryptedKekFileWithItsKdfParameters() throws IOException {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, SECRET).orElseThrow();
        JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(file));
        assertThat(json.path("format").asText()).isEqualTo("salus-kek/1");
        assertThat(json.path("kdf").path("algorithm").asText()).isEqualTo("argon2id");
        assertThat(json.path("kdf").path("memoryKiB").asInt()).isEqualTo(TestKeys.FAST_KDF.memoryKiB());
        assertThat(json.path("kdf").path("salt").asText()).isNotBlank();
        assertThat(json.path("keyset").path("encryptedKeyset").asText()).isNotBlank();
        assertThat(json.toString()).doesNotContain("\"keyData\"");
    }

    @Test
    void defaultArgon2idParameters_createAndReopen() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager created = new TinkKekStore(file, TestKeys.RANDOM).openOrCreate(SECRET.toCharArray())
                .orElseThrow();
        TinkKeyManager reopened = new TinkKekStore(file, TestKeys.RANDOM).openOrCreate(SECRET.toCharArray())
                .orElseThrow();
        assertThat(reopened.kekStatus()).isEqualTo(created.kekStatus());
    }

    @Test
    void reopeningWithTheRightSecret_opensOldRecords() {
        Path file = TestKeys.newKekFile();
        TinkKeyManager first = TestKeys.openOrCreate(file, SECRET).orElseThrow();
        AccountKeys patient = first.newAccountKeys();
        SealedRecord sealed = first.seal(TEXT, AAD, patient.encryptionPublicKey());

        TinkKeyManager again = TestKeys.openOrCreate(file, SECRET).orElseThrow();
        assertThat(again.open(sealed, AAD).orElseThrow()).isEqualTo(TEXT);
        assertThat(again.openAsPatient(sealed, AAD, patient.sealedEncryptionPrivateKey()).orElseThrow())
                .isEqualTo(TEXT);
        assertThat(again.kekStatus()).isEqualTo(first.kekStatus());
    }

    @Test
    void wrongSecret_isKeyUnavailable() {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, SECRET).orElseThrow();
        Result<TinkKeyManager> wrong = TestKeys.openOrCreate(file, "not the secret");
        assertThat(wrong.failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(wrong.failure().detail()).contains("wrong secret");
    }

    @Test
    void emptySecret_isKeyUnavailable_andCreatesNothing() {
        Path file = TestKeys.newKekFile();
        assertThat(TestKeys.openOrCreate(file, "").failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(file).doesNotExist();
    }

    @Test
    void truncatedKekFile_isKeyUnavailable_andIsNotOverwritten() throws IOException {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, SECRET).orElseThrow();
        byte[] content = Files.readAllBytes(file);
        byte[] truncated = Arrays.copyOf(content, content.length / 2);
        Files.write(file, truncated);
        assertThat(TestKeys.openOrCreate(file, SECRET).failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(Files.readAllBytes(file)).isEqualTo(truncated);
    }

    @Test
    void emptyKekFile_isKeyUnavailable() throws IOException {
        Path file = TestKeys.newKekFile();
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
        assertThat(TestKeys.openOrCreate(file, SECRET).failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void alteredEncryptedKeyset_isKeyUnavailable() throws IOException {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, SECRET).orElseThrow();
        String json = Files.readString(file);
        int at = json.indexOf("\"encryptedKeyset\"") + 30;
        char c = json.charAt(at);
        Files.writeString(file, json.substring(0, at) + (c == 'A' ? 'B' : 'A') + json.substring(at + 1));
        Result<TinkKeyManager> opened = TestKeys.openOrCreate(file, SECRET);
        assertThat(opened.failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void alteredSalt_isKeyUnavailable() throws IOException {
        Path file = TestKeys.newKekFile();
        TestKeys.openOrCreate(file, SECRET).orElseThrow();
        String json = Files.readString(file).replaceFirst("\"salt\" : \"(.)", "\"salt\" : \"$1$1");
        Files.writeString(file, json);
        assertThat(TestKeys.openOrCreate(file, SECRET).failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void openingAMissingFileWithoutCreating_isKeyUnavailable() {
        Result<TinkKeyManager> opened = TestKeys.store(TestKeys.newKekFile()).open(SECRET.toCharArray());
        assertThat(opened.failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void eachSeal_usesAFreshDataKey() {
        TinkKeyManager keys = TestKeys.newManager();
        byte[] patient = keys.newAccountKeys().encryptionPublicKey();
        SealedRecord a = keys.seal(TEXT, AAD, patient);
        SealedRecord b = keys.seal(TEXT, AAD, patient);
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(a.wrappedKeyForNode()).isNotEqualTo(b.wrappedKeyForNode());
        assertThat(a.wrappedKeyForPatient()).isNotEqualTo(b.wrappedKeyForPatient());
        SealedRecord mixed = new SealedRecord(a.ciphertext(), b.wrappedKeyForNode(), a.wrappedKeyForPatient());
        assertThat(keys.open(mixed, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void aWrappedKeyMovedToAnotherRecord_isTampered() {
        TinkKeyManager keys = TestKeys.newManager();
        byte[] patient = keys.newAccountKeys().encryptionPublicKey();
        byte[] otherAad = "record:43".getBytes(StandardCharsets.UTF_8);
        SealedRecord a = keys.seal(TEXT, AAD, patient);
        SealedRecord b = keys.seal(TEXT, otherAad, patient);
        SealedRecord moved = new SealedRecord(b.ciphertext(), a.wrappedKeyForNode(), a.wrappedKeyForPatient());
        assertThat(keys.open(moved, otherAad).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void anotherPatientsKey_cannotOpenTheRecord() {
        TinkKeyManager keys = TestKeys.newManager();
        AccountKeys alice = keys.newAccountKeys();
        AccountKeys bob = keys.newAccountKeys();
        SealedRecord sealed = keys.seal(TEXT, AAD, alice.encryptionPublicKey());
        assertThat(keys.openAsPatient(sealed, AAD, bob.sealedEncryptionPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void aSigningKeyInPlaceOfTheEncryptionKey_isKeyUnavailable() {
        TinkKeyManager keys = TestKeys.newManager();
        AccountKeys alice = keys.newAccountKeys();
        SealedRecord sealed = keys.seal(TEXT, AAD, alice.encryptionPublicKey());
        assertThat(keys.openAsPatient(sealed, AAD, alice.sealedSigningPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void anotherNodesKek_cannotOpenTheRecord() {
        TinkKeyManager ours = TestKeys.newManager();
        TinkKeyManager theirs = TestKeys.newManager();
        SealedRecord sealed = ours.seal(TEXT, AAD, ours.newAccountKeys().encryptionPublicKey());
        assertThat(theirs.open(sealed, AAD).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void thePatientWrappedKey_isStandardHpke_andTheCiphertextStandardAesGcm() throws Exception {
        TinkKeyManager keys = TestKeys.newManager();
        HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
        AsymmetricCipherKeyPair patient = hpke.generatePrivateKey();
        SealedRecord sealed = keys.seal(TEXT, AAD, hpke.serializePublicKey(patient.getPublic()));

        byte[] wrapped = sealed.wrappedKeyForPatient();
        byte[] enc = Arrays.copyOf(wrapped, 32);
        byte[] dataKey = hpke.open(enc, patient, AAD, new byte[0], Arrays.copyOfRange(wrapped, 32, wrapped.length),
                null, null, null);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] ct = sealed.ciphertext();
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, ct, 0, 12));
        gcm.updateAAD(AAD);
        assertThat(gcm.doFinal(ct, 12, ct.length - 12)).isEqualTo(TEXT);
    }

    @Test
    void newSalt_isThirtyTwoFreshBytes() {
        TinkKeyManager keys = TestKeys.newManager();
        assertThat(keys.newSalt()).isNotEqualTo(keys.newSalt());
        assertThat(keys.newSalt().bytes()).hasSize(32);
    }
}
