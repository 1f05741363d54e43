package io.salus.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * RFC 9180 single-shot HPKE encryption in base mode for one suite, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 /
 * AES-256-GCM, on BouncyCastle's X25519 and the JDK's HMAC. Output is {@code enc(32) ‖ ciphertext ‖ tag(16)}, exactly what
 * Tink's HPKE (no prefix) and any RFC 9180 implementation open with the same {@code info} and empty AAD. It exists
 * because sealing a record is on the deposit hot path and Tink's pure-Java X25519 is several times slower; decryption
 * stays with Tink ({@link Hpke#decrypt}). Stateless and thread-safe; the ephemeral key comes from the injected
 * {@link SecureRandom}.
 */
public final class HpkeSender {
    private static final byte[] HPKE_V1 = ascii("HPKE-v1");
    private static final byte[] KEM_SUITE = {'K', 'E', 'M', 0x00, 0x20};
    private static final byte[] HPKE_SUITE = {'H', 'P', 'K', 'E', 0x00, 0x20, 0x00, 0x01, 0x00, 0x02};
    private static final byte[] EMPTY = new byte[0];
    // before PSK_ID_HASH, which is computed with it
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(HpkeSender::newMac);
    /** LabeledExtract("", "psk_id_hash", "") for the base mode: the same for every message. */
    private static final byte[] PSK_ID_HASH = labeledExtract(EMPTY, HPKE_SUITE, "psk_id_hash", EMPTY);
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(HpkeSender::newCipher);

    private final SecureRandom random;

    public HpkeSender(SecureRandom random) {
        this.random = random;
    }

    public byte[] encrypt(byte[] recipientPublicKey, byte[] plaintext, byte[] info) throws GeneralSecurityException {
        try (Session session = session(recipientPublicKey)) {
            return session.encrypt(plaintext, info);
        }
    }

    /**
     * One encapsulation (a fresh ephemeral X25519 key and one key agreement) to {@code recipientPublicKey} for many
     * single-shot messages: each {@link Session#encrypt} runs the RFC 9180 key schedule with its own {@code info}, so
     * each message has its own AEAD key and nonce (HKDF of the shared secret and the info), and each opens on its own
     * with any RFC 9180 implementation. The messages of one session share their {@code enc} (first 32 bytes). Every
     * {@code info} of a session must differ (it does: it names the record); the session holds the KEM shared secret
     * until {@link Session#close}.
     */
    public Session session(byte[] recipientPublicKey) throws GeneralSecurityException {
        if (recipientPublicKey.length != X25519.POINT_SIZE) {
            throw new GeneralSecurityException("an X25519 public key is 32 bytes");
        }
        byte[] skE = new byte[X25519.SCALAR_SIZE];
        byte[] enc = new byte[X25519.POINT_SIZE];
        byte[] dh = new byte[X25519.POINT_SIZE];
        X25519.generatePrivateKey(random, skE);
        X25519.generatePublicKey(skE, 0, enc, 0);
        boolean contributory = X25519.calculateAgreement(skE, 0, recipientPublicKey, 0, dh, 0);
        Arrays.fill(skE, (byte) 0);
        if (!contributory) {
            Arrays.fill(dh, (byte) 0);
            throw new GeneralSecurityException("the recipient's X25519 public key is a low-order point");
        }
        byte[] eaePrk = labeledExtract(EMPTY, KEM_SUITE, "eae_prk", dh);
        byte[] sharedSecret = labeledExpand(eaePrk, KEM_SUITE, "shared_secret", concat(enc, recipientPublicKey), 32);
        byte[] secret = labeledExtract(sharedSecret, HPKE_SUITE, "secret", EMPTY);
        for (byte[] b : new byte[][]{dh, eaePrk, sharedSecret}) {
            Arrays.fill(b, (byte) 0);
        }
        return new Session(enc, secret);
    }

    /**
     * Single-shot HPKE messages under one encapsulation ({@link #session}). Thread-safe until closed; closing wipes the
     * key-schedule secret.
     */
    public static final class Session implements AutoCloseable {
        private final byte[] enc;
        private final byte[] secret;

        private Session(byte[] enc, byte[] secret) {
            this.enc = enc;
            this.secret = secret;
        }

        /** {@code enc(32) ‖ ciphertext ‖ tag(16)}: RFC 9180 base-mode single-shot output for {@code info}. */
        public byte[] encrypt(byte[] plaintext, byte[] info) throws GeneralSecurityException {
            byte[] infoHash = labeledExtract(EMPTY, HPKE_SUITE, "info_hash", info);
            byte[] context = concat(new byte[]{0x00}, concat(PSK_ID_HASH, infoHash));
            byte[] key = labeledExpand(secret, HPKE_SUITE, "key", context, 32);
            byte[] nonce = labeledExpand(secret, HPKE_SUITE, "base_nonce", context, 12);
            try {
                Cipher gcm = GCM.get();
                gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                byte[] out = new byte[enc.length + gcm.getOutputSize(plaintext.length)];
                System.arraycopy(enc, 0, out, 0, enc.length);
                gcm.doFinal(plaintext, 0, plaintext.length, out, enc.length);
                return out;
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }

        @Override
        public void close() {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] labeledExtract(byte[] salt, byte[] suite, String label, byte[] ikm) {
        Mac mac = hmac(salt.length == 0 ? new byte[32] : salt);
        mac.update(HPKE_V1);
        mac.update(suite);
        mac.update(ascii(label));
        mac.update(ikm);
        return mac.doFinal();
    }

    /** HKDF-Expand for at most one block (L ≤ 32), which is all this suite needs. */
    private static byte[] labeledExpand(byte[] prk, byte[] suite, String label, byte[] info, int length) {
        Mac mac = hmac(prk);
        mac.update((byte) (length >>> 8));
        mac.update((byte) length);
        mac.update(HPKE_V1);
        mac.update(suite);
        mac.update(ascii(label));
        mac.update(info);
        mac.update((byte) 0x01);
        byte[] block = mac.doFinal();
        return length == 32 ? block : Arrays.copyOf(block, length);
    }

    /**
     * The thread's HMAC-SHA256, keyed: the JDK's (its SHA-256 runs on the CPU's SHA instructions where there are
     * some; BouncyCastle's pure-Java digest was the deposit's top hashing frame in the profile, decision 0042).
     */
    private static Mac hmac(byte[] key) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key was refused", e);
        }
        return mac;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 missing from the JDK", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM missing from the JDK", e);
        }
    }
}
