package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.crypto.internal.AccountKeyPairs;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PackageCryptoProperties {
    static final AccountKeyPairs.Pair CONSUMER = AccountKeyPairs.newEncryptionKey(TestKeys.RANDOM);

    @Property(tries = 200)
    void anyPackage_roundTrips(@ForAll @Size(max = 2000) byte[] plain,
            @ForAll @IntRange(min = 1, max = 300) int segment) {
        byte[] sealed = new PackageCrypto(TestKeys.RANDOM, segment).encrypt(plain, CONSUMER.publicKey());
        assertThat(PackageCrypto.decrypt(sealed, CONSUMER.privateKey()).orElseThrow()).isEqualTo(plain);
    }

    @Property(tries = 200)
    void anySingleBitFlip_fails(@ForAll @Size(max = 1000) byte[] plain,
            @ForAll @IntRange(min = 1, max = 200) int segment,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int where,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] sealed = new PackageCrypto(TestKeys.RANDOM, segment).encrypt(plain, CONSUMER.publicKey());
        sealed[where % sealed.length] ^= (byte) (1 << bit);
        assertThat(PackageCrypto.decrypt(sealed, CONSUMER.privateKey()).isOk()).isFalse();
    }

    @Property(tries = 100)
    void anyTruncation_fails(@ForAll @Size(max = 1000) byte[] plain, @ForAll @IntRange(min = 1, max = 200) int segment,
            @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE - 1) int cut) {
        byte[] sealed = new PackageCrypto(TestKeys.RANDOM, segment).encrypt(plain, CONSUMER.publicKey());
        byte[] shorter = java.util.Arrays.copyOf(sealed, sealed.length - 1 - cut % sealed.length);
        assertThat(PackageCrypto.decrypt(shorter, CONSUMER.privateKey()).isOk()).isFalse();
    }
}
