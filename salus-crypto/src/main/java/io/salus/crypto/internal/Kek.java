package io.salus.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import io.salus.crypto.KekStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The key-encryption key: a Tink keyset of AES-256-GCM keys (Tink output prefix, so a ciphertext names the key that
 * made it). The primitive is built once; it encrypts under the primary and decrypts under any key. Immutable and
 * thread-safe.
 */
public final class Kek {
    private static final int PREFIX_BYTES = 5;
    private static final byte TINK_PREFIX_MARKER = 0x01;
    private static final byte[] DERIVE_SALT = "salus/kek-derive/1".getBytes(StandardCharsets.US_ASCII);
    private final KeysetHandle keyset;
    private final Aead aead;

    private Kek(KeysetHandle keyset, Aead aead) {
        this.keyset = keyset;
        this.aead = aead;
    }

    public static Kek of(KeysetHandle keyset) throws GeneralSecurityException {
        for (int i = 0; i < keyset.size(); i++) {
            if (!(keyset.getAt(i).getKey() instanceof AesGcmKey k) || k.getParameters().getKeySizeBytes() != 32) {
                throw new GeneralSecurityException("the KEK keyset holds a key that is not AES-256-GCM");
            }
        }
        return new Kek(keyset, keyset.getPrimitive(AeadConfig2026.get(), Aead.class));
    }

    /** A keyset with one new AES-256-GCM key, drawn from {@code random}. */
    public static KeysetHandle newKeyset(SecureRandom random) throws GeneralSecurityException {
        return KeysetHandle.newBuilder().addEntry(newEntry(random, Set.of())).build();
    }

    /** The same keys plus a new AES-256-GCM key that becomes primary; the old keys stay enabled for decryption. */
    public KeysetHandle withNewPrimary(SecureRandom random) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(keyset).addEntry(newEntry(random, new HashSet<>(status().keyIds()))).build();
    }

    private static KeysetHandle.Builder.Entry newEntry(SecureRandom random, Set<Integer> taken)
            throws GeneralSecurityException {
        int id;
        do {
            id = random.nextInt();
        } while (id == 0 || taken.contains(id));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        AesGcmParameters params = PredefinedAeadParameters.AES256_GCM;
        AesGcmKey key = AesGcmKey.builder().setParameters(params)
                .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get())).setIdRequirement(id).build();
        Arrays.fill(bytes, (byte) 0);
        return KeysetHandle.importKey(key).withFixedId(id).makePrimary();
    }

    public KeysetHandle keyset() {
        return keyset;
    }

    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        return aead.encrypt(plaintext, associatedData);
    }

    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    /** Whether the ciphertext (from {@code offset}) was made by the primary key. */
    public boolean madeByPrimary(byte[] ciphertext, int offset) {
        return ciphertext.length >= offset + PREFIX_BYTES && ciphertext[offset] == TINK_PREFIX_MARKER
                && ByteBuffer.wrap(ciphertext, offset + 1, 4).getInt() == keyset.getPrimary().getId();
    }

    /**
     * A 32-byte key for {@code label}: HKDF-SHA256 of the keyset's first key (the key the KEK file was created with;
     * rotations append keys and never reorder or remove them), so it does not change when the KEK is rotated. The
     * caller wipes it.
     */
    public byte[] derive(String label) throws GeneralSecurityException {
        byte[] ikm = ((AesGcmKey) keyset.getAt(0).getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        try {
            return Hkdf.computeHkdf("HMACSHA256", ikm, DERIVE_SALT, label.getBytes(StandardCharsets.UTF_8), 32);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** The id of the key {@link #derive} derives from. */
    public int derivationKeyId() {
        return keyset.getAt(0).getId();
    }

    public KekStatus status() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(keyset.getAt(i).getId());
        }
        return new KekStatus(keyset.getPrimary().getId(), ids);
    }
}
