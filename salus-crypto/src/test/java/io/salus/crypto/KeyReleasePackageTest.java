package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.crypto.internal.AccountKeyPairs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Version-2 packages: the staged ciphertext opens for nobody; only the key released apart from it opens it. */
class KeyReleasePackageTest {
    static final KeyReleasePackage SMALL = new KeyReleasePackage(TestKeys.RANDOM, 64);
    static final AccountKeyPairs.Pair CONSUMER = AccountKeyPairs.newEncryptionKey(TestKeys.RANDOM);
    static final AccountKeyPairs.Pair OTHER = AccountKeyPairs.newEncryptionKey(TestKeys.RANDOM);

    record Staged(byte[] file, byte[] wrapped) {
    }

    static Staged stage(byte[] plaintext) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KeyReleasePackage.Staged s = SMALL.stage(new ByteArrayInputStream(plaintext), out);
        byte[] wrapped = SMALL.wrap(s.contentKey(), s.prefix(), CONSUMER.publicKey());
        Arrays.fill(s.contentKey(), (byte) 0);
        return new Staged(out.toByteArray(), wrapped);
    }

    static byte[] release(Staged s, byte[] wrapped) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KeyReleasePackage.release(new ByteArrayInputStream(s.file()), out, wrapped);
        return out.toByteArray();
    }

    @Test
    void theStagedCiphertextAlone_opensForNobody_andTheReleasedOneOpensForTheConsumer() throws IOException {
        byte[] plaintext = PackageCryptoTest.random(1_000);
        Staged s = stage(plaintext);

        Result<byte[]> withoutKey = PackageCrypto.decrypt(s.file(), CONSUMER.privateKey());
        assertThat(withoutKey.isOk()).isFalse();
        assertThat(withoutKey.failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(withoutKey.failure().detail()).contains("released on chain");

        byte[] released = release(s, s.wrapped());
        assertThat(PackageCrypto.decrypt(released, CONSUMER.privateKey()).orElseThrow()).isEqualTo(plaintext);
        assertThat(PackageCrypto.decrypt(released, OTHER.privateKey()).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
    }

    @Test
    void aKeyWrappedForAnotherPackage_orAnAlteredKey_orAnAlteredSegment_opensNothing() throws IOException {
        Staged a = stage(PackageCryptoTest.random(300));
        Staged b = stage(PackageCryptoTest.random(300));

        assertThat(PackageCrypto.decrypt(release(a, b.wrapped()), CONSUMER.privateKey()).failure().code())
                .as("the wrapped key is bound to its package's prefix").isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        byte[] bent = a.wrapped().clone();
        bent[40] ^= 1;
        assertThat(PackageCrypto.decrypt(release(a, bent), CONSUMER.privateKey()).failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        byte[] tampered = release(a, a.wrapped());
        tampered[tampered.length - 20] ^= 1;
        assertThat(PackageCrypto.decrypt(tampered, CONSUMER.privateKey()).failure().code())
                .isEqualTo(ErrorCode.RECORD_TAMPERED);
    }

    @Test
    void everyStagingUsesAFreshContentKeyAndId_andAnEmptyPackageStillHasOneFinalSegment() throws IOException {
        Staged a = stage(new byte[0]);
        Staged b = stage(new byte[0]);
        assertThat(Arrays.copyOfRange(a.file(), 13, 29)).isNotEqualTo(Arrays.copyOfRange(b.file(), 13, 29));
        assertThat(a.file()).hasSize(KeyReleasePackage.PREFIX_BYTES + 2 + 16);
        assertThat(PackageCrypto.decrypt(release(a, a.wrapped()), CONSUMER.privateKey()).orElseThrow()).isEmpty();
    }
}
