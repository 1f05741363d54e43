package io.salus.crypto.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.device.DeviceId;
import io.salus.core.device.Ed25519PublicKey;
import io.salus.core.device.Ed25519Signature;
import io.salus.core.device.Reading;
import io.salus.core.device.SignedBatch;
import io.salus.core.device.VitalSign;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Ed25519BatchSignatureVerifierTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
    private final Ed25519BatchSignatureVerifier verifier = new Ed25519BatchSignatureVerifier();
    private final Ed25519DeviceKey key = Ed25519DeviceKey.generate(new SecureRandom());
    private final DeviceId device = new DeviceId(UUID.randomUUID());

    @Test
    void signing_isPureEd25519_rfc8032TestVector1() {
        Ed25519DeviceKey rfc = Ed25519DeviceKey.fromPrivateKey(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(rfc.publicKey().hex()).isEqualTo(
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(rfc.sign(new byte[0]).hex()).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
                + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void aBatchSignedByTheDevice_verifiesWithItsKey() {
        SignedBatch b = batch(key);
        assertThat(verifier.verifies(key.publicKey(), b)).isTrue();
    }

    @Test
    void aBatchSignedByAnotherKey_doesNotVerify() {
        Ed25519DeviceKey other = Ed25519DeviceKey.generate(new SecureRandom());
        assertThat(verifier.verifies(key.publicKey(), batch(other))).isFalse();
    }

    @Test
    void anyFlippedBitOfTheSignature_failsVerification() {
        SignedBatch b = batch(key);
        for (int bit = 0; bit < 512; bit += 7) {
            byte[] sig = b.signature().bytes();
            sig[bit / 8] ^= (byte) (1 << (bit % 8));
            SignedBatch tampered = new SignedBatch(b.device(), b.sequence(), b.from(), b.to(), b.readingHashes(),
                    Ed25519Signature.of(sig));
            assertThat(verifier.verifies(key.publicKey(), tampered)).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void changingAnySignedField_failsVerification() {
        SignedBatch b = batch(key);
        List<SignedBatch> altered = List.of(
                new SignedBatch(new DeviceId(UUID.randomUUID()), b.sequence(), b.from(), b.to(), b.readingHashes(),
                        b.signature()),
                new SignedBatch(b.device(), b.sequence() + 1, b.from(), b.to(), b.readingHashes(), b.signature()),
                new SignedBatch(b.device(), b.sequence(), b.from().minusSeconds(1), b.to(), b.readingHashes(),
                        b.signature()),
                new SignedBatch(b.device(), b.sequence(), b.from(), b.to().plusSeconds(1), b.readingHashes(),
                        b.signature()),
                new SignedBatch(b.device(), b.sequence(), b.from(), b.to(), b.readingHashes().subList(0, 1),
                        b.signature()));
        assertThat(altered).allSatisfy(a -> assertThat(verifier.verifies(key.publicKey(), a)).isFalse());
    }

    @Test
    void smallOrderAndInvalidKeys_areNotAccepted() {
        assertThat(verifier.acceptsKey(key.publicKey())).isTrue();
        Ed25519PublicKey identity = Ed25519PublicKey.fromHex(
                "0100000000000000000000000000000000000000000000000000000000000000");
        Ed25519PublicKey orderFour = Ed25519PublicKey.of(new byte[32]);
        Ed25519PublicKey notOnCurve = Ed25519PublicKey.fromHex(
                "0200000000000000000000000000000000000000000000000000000000000000");
        assertThat(List.of(identity, orderFour, notOnCurve)).allSatisfy(k -> assertThat(verifier.acceptsKey(k))
                .isFalse());
    }

    private SignedBatch batch(Ed25519DeviceKey signer) {
        return signer.signBatch(device, 3, List.of(Reading.of(VitalSign.HEART_RATE, "72", "/min", T),
                Reading.of(VitalSign.HEART_RATE, "75", "/min", T.plusSeconds(60)))).signed();
    }
}
