package io.salus.crypto.device;

import io.salus.core.device.BatchEncoding;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.Ed25519PublicKey;
import io.salus.core.device.Ed25519Signature;
import io.salus.core.device.Reading;
import io.salus.core.device.SignedBatch;
import io.salus.core.merkle.Hash32;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A device's Ed25519 key pair, signing batches as a device does: for simulated devices (the demo, benchmarks, tests)
 * and as the reference of the signing side of {@code docs/health-services.md}. The private key never leaves this
 * object. Thread-safe (immutable).
 */
public final class Ed25519DeviceKey {
    private final byte[] privateKey;
    private final Ed25519PublicKey publicKey;

    private Ed25519DeviceKey(byte[] privateKey) {
        this.privateKey = privateKey;
        byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, pk, 0);
        this.publicKey = Ed25519PublicKey.of(pk);
    }

    public static Ed25519DeviceKey generate(SecureRandom random) {
        byte[] sk = new byte[Ed25519.SECRET_KEY_SIZE];
        Ed25519.generatePrivateKey(random, sk);
        return new Ed25519DeviceKey(sk);
    }

    /** From a 32-byte RFC 8032 private key (seed). */
    public static Ed25519DeviceKey fromPrivateKey(byte[] seed) {
        if (seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes");
        }
        return new Ed25519DeviceKey(seed.clone());
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Ed25519 over arbitrary bytes (RFC 8032, pure). */
    public Ed25519Signature sign(byte[] message) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, message, 0, message.length, sig, 0);
        return Ed25519Signature.of(sig);
    }

    /**
     * Signs readings as batch {@code sequence} of {@code device}: the time range is the readings' earliest to latest,
     * the hashes are the readings' in the given order.
     */
    public BatchUpload signBatch(DeviceId device, long sequence, List<Reading> readings) {
        Instant from = readings.stream().map(Reading::at).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = readings.stream().map(Reading::at).max(Comparator.naturalOrder()).orElseThrow();
        return signBatch(device, sequence, from, to, readings);
    }

    /** Signs readings as batch {@code sequence} of {@code device} over the given time range. */
    public BatchUpload signBatch(DeviceId device, long sequence, Instant from, Instant to, List<Reading> readings) {
        List<Hash32> hashes = readings.stream().map(Reading::hash).toList();
        Ed25519Signature sig = sign(BatchEncoding.signedBytes(device, sequence, from, to, hashes));
        return new BatchUpload(new SignedBatch(device, sequence, from, to, hashes, sig), readings);
    }
}
