package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.crypto.internal.AccountKeyPairs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCryptoTest {
    static final int SEGMENT = 64;
    static final int HEADER = 8 + 1 + 4 + 2 + 80;
    static final int SEGMENT_CT = SEGMENT + 16;
    static final PackageCrypto SMALL = new PackageCrypto(TestKeys.RANDOM, SEGMENT);
    static final AccountKeyPairs.Pair CONSUMER = AccountKeyPairs.newEncryptionKey(TestKeys.RANDOM);

    @TempDir
    Path dir;

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static void assertFails(Result<?> r, ErrorCode code, String detail) {
        assertThat(r.isOk()).as("expected a failure").isFalse();
        assertThat(r.failure().code()).isEqualTo(code);
        assertThat(r.failure().detail()).contains(detail);
    }

    @Test
    void roundTrip_withTheConsumersRawKey_atEverySegmentBoundary() {
        for (int n : new int[]{0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 5}) {
            byte[] plain = random(n);
            byte[] sealed = SMALL.encrypt(plain, CONSUMER.publicKey());
            int segments = Math.max(1, (n + SEGMENT - 1) / SEGMENT);
            assertThat(sealed).as("size " + n).hasSize(HEADER + n + 16 * segments);
            assertThat(PackageCrypto.decrypt(sealed, CONSUMER.privateKey()).orElseThrow()).as("size " + n)
                    .isEqualTo(plain);
        }
    }

    @Test
    void roundTrip_ofFiles_withTheDefaultSegmentSize() throws Exception {
        byte[] plain = random(5 * PackageCrypto.DEFAULT_SEGMENT_BYTES + 123);
        Files.write(dir.resolve("p.zip"), plain);
        new PackageCrypto(TestKeys.RANDOM).encrypt(dir.resolve("p.zip"), dir.resolve("p.salus"),
                CONSUMER.publicKey());
        Result<Long> r = PackageCrypto.decrypt(dir.resolve("p.salus"), dir.resolve("out.zip"), CONSUMER.privateKey());
        assertThat(r.orElseThrow()).isEqualTo(plain.length);
        assertThat(Files.readAllBytes(dir.resolve("out.zip"))).isEqualTo(plain);
    }

    @Test
    void roundTrip_withTheKekSealedAccountKey() throws Exception {
        TinkKeyManager keys = TestKeys.newManager();
        AccountKeys consumer = keys.newAccountKeys();
        byte[] plain = random(1000);
        byte[] sealed = SMALL.encrypt(plain, consumer.encryptionPublicKey());
        assertThat(keys.openPackage(sealed, consumer.sealedEncryptionPrivateKey()).orElseThrow()).isEqualTo(plain);
        Files.write(dir.resolve("p.salus"), sealed);
        assertThat(keys.openPackage(dir.resolve("p.salus"), dir.resolve("p.zip"),
                consumer.sealedEncryptionPrivateKey()).orElseThrow()).isEqualTo(1000L);
        assertThat(Files.readAllBytes(dir.resolve("p.zip"))).isEqualTo(plain);
        assertFails(keys.openPackage(sealed, consumer.sealedSigningPrivateKey()), ErrorCode.KEY_UNAVAILABLE,
                "not a sealed encryption key");
        assertFails(keys.openPackage(sealed, keys.newAccountKeys().sealedEncryptionPrivateKey()),
                ErrorCode.KEY_UNAVAILABLE, "not encrypted to this key");
    }

    @Test
    void encryptingTwice_givesDifferentBytes() {
        byte[] plain = random(100);
        assertThat(SMALL.encrypt(plain, CONSUMER.publicKey())).isNotEqualTo(SMALL.encrypt(plain, CONSUMER.publicKey()));
    }

    @Test
    void anotherKey_failsWithKeyUnavailable() {
        byte[] sealed = SMALL.encrypt(random(200), CONSUMER.publicKey());
        byte[] other = AccountKeyPairs.newEncryptionKey(TestKeys.RANDOM).privateKey();
        assertFails(PackageCrypto.decrypt(sealed, other), ErrorCode.KEY_UNAVAILABLE, "not encrypted to this key");
    }

    @Test
    void aTamperedSegment_fails() {
        byte[] sealed = SMALL.encrypt(random(200), CONSUMER.publicKey());
        sealed[HEADER + SEGMENT_CT + 5] ^= 1;
        assertFails(PackageCrypto.decrypt(sealed, CONSUMER.privateKey()), ErrorCode.RECORD_TAMPERED,
                "segment 1 failed authentication");
    }

    @Test
    void reorderedSegments_fail() {
        byte[] sealed = SMALL.encrypt(random(200), CONSUMER.publicKey());
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, HEADER, swapped, HEADER + SEGMENT_CT, SEGMENT_CT);
        System.arraycopy(sealed, HEADER + SEGMENT_CT, swapped, HEADER, SEGMENT_CT);
        assertFails(PackageCrypto.decrypt(swapped, CONSUMER.privateKey()), ErrorCode.RECORD_TAMPERED,
                "segment 0 failed authentication");
    }

    @Test
    void droppingTheLastSegments_isReportedAsTruncation() {
        byte[] sealed = SMALL.encrypt(random(200), CONSUMER.publicKey());
        byte[] cut = Arrays.copyOf(sealed, HEADER + 2 * SEGMENT_CT);
        assertFails(PackageCrypto.decrypt(cut, CONSUMER.privateKey()), ErrorCode.RECORD_TAMPERED,
                "truncated: segment 1 is not the last one");
    }

    @Test
    void cuttingInsideASegment_orInsideTheHeader_fails() {
        byte[] sealed = SMALL.encrypt(random(200), CONSUMER.publicKey());
        assertFails(PackageCrypto.decrypt(Arrays.copyOf(sealed, sealed.length - 3), CONSUMER.privateKey()),
                ErrorCode.RECORD_TAMPERED, "segment 3");
        assertFails(PackageCrypto.decrypt(Arrays.copyOf(sealed, HEADER - 1), CONSUMER.privateKey()),
                ErrorCode.RECORD_TAMPERED, "truncated inside its header");
        assertFails(PackageCrypto.decrypt(Arrays.copyOf(sealed, HEADER + 4), CONSUMER.privateKey()),
                ErrorCode.RECORD_TAMPERED, "incomplete");
    }

    @Test
    void bytesAppendedAfterTheLastSegment_fail() {
        byte[] sealed = SMALL.encrypt(random(100), CONSUMER.publicKey());
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 40);
        assertThat(PackageCrypto.decrypt(longer, CONSUMER.privateKey()).isOk()).isFalse();
    }

    @Test
    void anAlteredSegmentSizeInTheHeader_fails() {
        byte[] sealed = SMALL.encrypt(random(200), CONSUMER.publicKey());
        sealed[12] = (byte) (SEGMENT + 16);
        assertFails(PackageCrypto.decrypt(sealed, CONSUMER.privateKey()), ErrorCode.KEY_UNAVAILABLE,
                "header was altered");
    }

    @Test
    void somethingElse_isNotAPackage() {
        assertFails(PackageCrypto.decrypt(random(300), CONSUMER.privateKey()), ErrorCode.RECORD_TAMPERED,
                "not a Salus package");
    }

    @Test
    void aFailedFileDecryption_leavesNoOutputFile() throws Exception {
        byte[] sealed = SMALL.encrypt(random(8 * SEGMENT), CONSUMER.publicKey());
        Files.write(dir.resolve("p.salus"), Arrays.copyOf(sealed, sealed.length - SEGMENT_CT));
        Result<Long> r = PackageCrypto.decrypt(dir.resolve("p.salus"), dir.resolve("p.zip"), CONSUMER.privateKey());
        assertFails(r, ErrorCode.RECORD_TAMPERED, "truncated");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p.salus");
        }
    }
}
