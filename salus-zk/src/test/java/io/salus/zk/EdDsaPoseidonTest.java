package io.salus.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.zk.BabyJubJub.Point;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.EdDsaPoseidon.Signature;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Positive;

class EdDsaPoseidonTest {
    private static final PrivateKey KEY = new PrivateKey(new byte[32]);

    @Property(tries = 10)
    void aSignatureVerifiesForItsMessageAndKeyOnly(@ForAll long seed, @ForAll @Positive long other) {
        BigInteger msg = BigInteger.valueOf(seed).mod(Bn254.R);
        Signature sig = KEY.sign(msg);
        assertThat(EdDsaPoseidon.verify(msg, sig, KEY.publicKey())).isTrue();
        assertThat(EdDsaPoseidon.verify(Bn254.add(msg, BigInteger.valueOf(other)), sig, KEY.publicKey())).isFalse();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(EdDsaPoseidon.verify(msg, sig, new PrivateKey(otherKey).publicKey())).isFalse();
    }

    @Property(tries = 5)
    void forgedScalarsAreRefused(@ForAll @Positive long delta) {
        BigInteger msg = BigInteger.valueOf(42);
        Signature sig = KEY.sign(msg);
        Signature forged = new Signature(sig.r8(), sig.s().add(BigInteger.valueOf(delta)).mod(BabyJubJub.SUBORDER));
        assertThat(EdDsaPoseidon.verify(msg, forged, KEY.publicKey())).isFalse();
        Signature unreduced = new Signature(sig.r8(), sig.s().add(BabyJubJub.SUBORDER));
        assertThat(EdDsaPoseidon.verify(msg, unreduced, KEY.publicKey())).as("S >= l is malleable").isFalse();
    }

    @Property(tries = 3)
    void lowOrderAndOffCurveKeysAreRefused(@ForAll long seed) {
        BigInteger msg = BigInteger.valueOf(seed).mod(Bn254.R);
        Signature sig = KEY.sign(msg);
        assertThat(EdDsaPoseidon.verify(msg, sig, BabyJubJub.IDENTITY)).isFalse();
        Point offCurve = new Point(KEY.publicKey().x(), Bn254.add(KEY.publicKey().y(), BigInteger.ONE));
        assertThat(offCurve.onCurve()).isFalse();
        assertThat(EdDsaPoseidon.verify(msg, sig, offCurve)).isFalse();
    }
}
