package io.salus.crypto.internal;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, through Tink with no output
 * prefix: a ciphertext is {@code enc(32) ‖ AES-GCM ciphertext ‖ tag(16)}, the context info is the HPKE {@code info}.
 * Used for decryption; encryption on the hot path is {@link HpkeSender} (same wire format). Stateless and
 * thread-safe.
 */
public final class Hpke {
    public static final int KEY_BYTES = 32;
    private static final HpkeParameters PARAMETERS = parameters();
    private Hpke() {
    }

    /** Decrypts with the recipient's raw X25519 private key (32 bytes) and its public key. */
    public static byte[] decrypt(byte[] privateKey, byte[] publicKey, byte[] ciphertext, byte[] info)
            throws GeneralSecurityException {
        HpkePrivateKey key = HpkePrivateKey.create(publicKey(publicKey),
                SecretBytes.copyFrom(privateKey, InsecureSecretKeyAccess.get()));
        KeysetHandle handle = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                .build();
        return handle.getPrimitive(HybridConfig2026.get(), HybridDecrypt.class).decrypt(ciphertext, info);
    }

    private static HpkePublicKey publicKey(byte[] bytes) throws GeneralSecurityException {
        if (bytes.length != KEY_BYTES) {
            throw new GeneralSecurityException("an X25519 public key is 32 bytes");
        }
        return HpkePublicKey.create(PARAMETERS, Bytes.copyFrom(bytes), null);
    }

    private static HpkeParameters parameters() {
        try {
            return HpkeParameters.builder().setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256).setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX).build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
