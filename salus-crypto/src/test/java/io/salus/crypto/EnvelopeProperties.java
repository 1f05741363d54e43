package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.record.SealedRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EnvelopeProperties {
    private static final TinkKeyManager KEYS = TestKeys.newManager();
    private static final AccountKeys PATIENT = KEYS.newAccountKeys();

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(2048);
    }

    @Provide
    Arbitrary<byte[]> nonEmpty() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(256);
    }

    private static SealedRecord seal(byte[] plaintext, byte[] aad) {
        return KEYS.seal(plaintext, aad, PATIENT.encryptionPublicKey());
    }

    private static byte[] flip(byte[] in, int bitIndex) {
        byte[] out = in.clone();
        int bit = Math.floorMod(bitIndex, in.length * 8);
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    @Property(tries = 200)
    void sealThenOpen_returnsThePlaintext(@ForAll("bytes") byte[] plaintext, @ForAll("bytes") byte[] aad) {
        Result<byte[]> opened = KEYS.open(seal(plaintext, aad), aad);
        assertThat(opened.orElseThrow()).isEqualTo(plaintext);
    }

    @Property(tries = 100)
    void openAsPatient_agreesWithOpen(@ForAll("bytes") byte[] plaintext, @ForAll("bytes") byte[] aad) {
        SealedRecord sealed = seal(plaintext, aad);
        byte[] asPatient = KEYS.openAsPatient(sealed, aad, PATIENT.sealedEncryptionPrivateKey()).orElseThrow();
        assertThat(asPatient).isEqualTo(KEYS.open(sealed, aad).orElseThrow()).isEqualTo(plaintext);
    }

    @Property(tries = 200)
    void aFlippedBitInTheCiphertext_isTampered(@ForAll("bytes") byte[] plaintext, @ForAll("bytes") byte[] aad,
            @ForAll int bit) {
        SealedRecord s = seal(plaintext, aad);
        SealedRecord bad = new SealedRecord(flip(s.ciphertext(), bit), s.wrappedKeyForNode(), s.wrappedKeyForPatient());
        assertThat(KEYS.open(bad, aad).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        assertThat(KEYS.openAsPatient(bad, aad, PATIENT.sealedEncryptionPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Property(tries = 200)
    void aFlippedBitInTheNodeWrappedKey_isTampered(@ForAll("bytes") byte[] plaintext, @ForAll("bytes") byte[] aad,
            @ForAll int bit) {
        SealedRecord s = seal(plaintext, aad);
        SealedRecord bad = new SealedRecord(s.ciphertext(), flip(s.wrappedKeyForNode(), bit), s.wrappedKeyForPatient());
        assertThat(KEYS.open(bad, aad).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Property(tries = 100)
    void aFlippedBitInThePatientWrappedKey_isTamperedForThePatient(@ForAll("bytes") byte[] plaintext,
            @ForAll("bytes") byte[] aad, @ForAll int bit) {
        SealedRecord s = seal(plaintext, aad);
        SealedRecord bad = new SealedRecord(s.ciphertext(), s.wrappedKeyForNode(), flip(s.wrappedKeyForPatient(), bit));
        assertThat(KEYS.openAsPatient(bad, aad, PATIENT.sealedEncryptionPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Property(tries = 200)
    void aFlippedBitInTheAssociatedData_isTampered(@ForAll("bytes") byte[] plaintext, @ForAll("nonEmpty") byte[] aad,
            @ForAll int bit) {
        SealedRecord s = seal(plaintext, aad);
        byte[] otherAad = flip(aad, bit);
        assertThat(KEYS.open(s, otherAad).failure().code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        assertThat(KEYS.openAsPatient(s, otherAad, PATIENT.sealedEncryptionPrivateKey()).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Property(tries = 50)
    void truncatedParts_areTampered(@ForAll("bytes") byte[] plaintext, @ForAll("bytes") byte[] aad,
            @ForAll int cut) {
        SealedRecord s = seal(plaintext, aad);
        byte[] ct = java.util.Arrays.copyOf(s.ciphertext(), Math.floorMod(cut, s.ciphertext().length));
        byte[] node = java.util.Arrays.copyOf(s.wrappedKeyForNode(), Math.floorMod(cut, s.wrappedKeyForNode().length));
        assertThat(KEYS.open(new SealedRecord(ct, s.wrappedKeyForNode(), s.wrappedKeyForPatient()), aad).failure()
                .code()).isEqualTo(ErrorCode.RECORD_TAMPERED);
        assertThat(KEYS.open(new SealedRecord(s.ciphertext(), node, s.wrappedKeyForPatient()), aad).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }
}
