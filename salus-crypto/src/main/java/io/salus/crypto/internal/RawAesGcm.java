package io.salus.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * AES-256-GCM from raw key bytes through Tink, without a keyset: output is {@code iv(12) ‖ ciphertext ‖ tag(16)}, no
 * key-id prefix. Used for per-record data keys and the master key. Stateless; the returned {@link Aead} is thread-safe.
 */
public final class RawAesGcm {
    public static final int KEY_BYTES = 32;
    private static final AesGcmParameters PARAMETERS = parameters();

    private RawAesGcm() {
    }

    public static Aead aead(byte[] key) throws GeneralSecurityException {
        if (key.length != KEY_BYTES) {
            throw new GeneralSecurityException("an AES-256 key is 32 bytes");
        }
        AesGcmKey aesKey = AesGcmKey.builder().setParameters(PARAMETERS)
                .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get())).build();
        return AesGcmJce.create(aesKey);
    }

    private static AesGcmParameters parameters() {
        try {
            return AesGcmParameters.builder().setKeySizeBytes(KEY_BYTES).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
