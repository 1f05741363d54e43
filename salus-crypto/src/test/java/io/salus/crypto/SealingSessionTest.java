package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.error.ErrorCode;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.port.KeyManager.RecordSealing;
import io.salus.core.record.SealedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.junit.jupiter.api.Test;

/** Many records sealed to one patient under one HPKE encapsulation (decision 0033). */
class SealingSessionTest {
    private static final byte[] TEXT = "{\"resourceType\":\"Observation\"}".getBytes(StandardCharsets.UTF_8);

    private static byte[] aad(int i) {
        return ("record:" + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsOfOneSession_eachOpenAlone_withAStandardHpkeReceiver_andTheNodeAndThePatient() throws Exception {
        TinkKeyManager keys = TestKeys.newManager();
        HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
        AsymmetricCipherKeyPair patient = hpke.generatePrivateKey();
        List<SealedRecord> sealed = new ArrayList<>();
        try (RecordSealing session = keys.sealing(hpke.serializePublicKey(patient.getPublic()))) {
            for (int i = 0; i < 5; i++) {
                sealed.add(session.seal(TEXT, aad(i)));
            }
        }
        Set<String> dataKeys = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            byte[] wrapped = sealed.get(i).wrappedKeyForPatient();
            byte[] dataKey = hpke.open(Arrays.copyOf(wrapped, 32), patient, aad(i), new byte[0],
                    Arrays.copyOfRange(wrapped, 32, wrapped.length), null, null, null);
            dataKeys.add(Arrays.toString(dataKey));
            byte[] ct = sealed.get(i).ciphertext();
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, ct, 0, 12));
            gcm.updateAAD(aad(i));
            assertThat(gcm.doFinal(ct, 12, ct.length - 12)).isEqualTo(TEXT);
            assertThat(keys.open(sealed.get(i), aad(i)).orElseThrow()).isEqualTo(TEXT);
        }
        assertThat(dataKeys).as("a fresh data key per record").hasSize(5);
        assertThat(Arrays.copyOf(sealed.get(0).wrappedKeyForPatient(), 32))
                .as("one encapsulation: the records share enc")
                .isEqualTo(Arrays.copyOf(sealed.get(4).wrappedKeyForPatient(), 32));
    }

    @Test
    void aPatientWrappedKeyOfTheSession_movedToASiblingRecord_doesNotOpenIt() {
        TinkKeyManager keys = TestKeys.newManager();
        AccountKeys alice = keys.newAccountKeys();
        SealedRecord a;
        SealedRecord b;
        try (RecordSealing session = keys.sealing(alice.encryptionPublicKey())) {
            a = session.seal(TEXT, aad(1));
            b = session.seal(TEXT, aad(2));
        }
        assertThat(keys.openAsPatient(a, aad(1), alice.sealedEncryptionPrivateKey()).orElseThrow()).isEqualTo(TEXT);
        SealedRecord moved = new SealedRecord(b.ciphertext(), b.wrappedKeyForNode(), a.wrappedKeyForPatient());
        assertThat(keys.openAsPatient(moved, aad(2), alice.sealedEncryptionPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void aLowOrderPatientKey_isRefusedBeforeAnyRecordIsSealed() {
        TinkKeyManager keys = TestKeys.newManager();
        assertThatThrownBy(() -> keys.sealing(new byte[32])).hasMessageContaining("sealing to the patient's key");
    }
}
