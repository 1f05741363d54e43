package io.salus.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
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
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key: a Tink keyset of AES-256-GCM keys (Tink output prefix, so a ciphertext names the key that
 * made it). The primitive is built once; it encrypts under the primary and decrypts under any key. Immutable and
 * thread-safe.
 */
public final class Kek {
    private static final int PREFIX_BYTES = 5;
    private static final byte TINK_PREFIX_MARKER = 0x01;
    private static final byte[] DERIVE_SALT = "salus/kek-derive/1".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";
    private final KeysetHandle keyset;
    private final Aead aead;
    private final Optional<DerivationRoot> root;

    private Kek(KeysetHandle keyset, Aead aead, Optional<DerivationRoot> root) {
        this.keyset = keyset;
        this.aead = aead;
        this.root = root;
    }

    /**
     * What the purpose keys derive from once the key the KEK file was created with has been retired: the HKDF-SHA256
     * pseudorandom key extracted from it (one-way: it decrypts nothing), and that key's id.
     */
    public record DerivationRoot(int keyId, byte[] prk) {
    }

    public static Kek of(KeysetHandle keyset) throws GeneralSecurityException {
        return of(keyset, Optional.empty());
    }

    /** With the derivation root the KEK file keeps after its first key was retired. */
    public static Kek of(KeysetHandle keyset, Optional<DerivationRoot> root) throws GeneralSecurityException {
        for (int i = 0; i < keyset.size(); i++) {
            if (!(keyset.getAt(i).getKey() instanceof AesGcmKey k) || k.getParameters().getKeySizeBytes() != 32) {
                throw new GeneralSecurityException("the KEK keyset holds a key that is not AES-256-GCM");
            }
        }
        return new Kek(keyset, keyset.getPrimitive(AeadConfig2026.get(), Aead.class), root);
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

    /** Only the primary key: every other key removed (their material is gone from the returned keyset). */
    public KeysetHandle primaryOnly() throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(keyset);
        for (int i = b.size() - 1; i >= 0; i--) {
            if (!b.getAt(i).isPrimary()) {
                b.deleteAt(i);
            }
        }
        return b.build();
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
     * A 32-byte key for {@code label}: HKDF-SHA256 (extract with a fixed salt, then expand with the label) of the
     * keyset's first key, the key the KEK file was created with. Rotations append keys and never reorder them, and
     * retiring that key keeps its extracted pseudorandom key ({@link #derivationRoot}) in the file, so the result
     * never changes for the life of the node. The caller wipes it.
     */
    public byte[] derive(String label) throws GeneralSecurityException {
        DerivationRoot r = derivationRoot();
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(r.prk(), HMAC));
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } finally {
            Arrays.fill(r.prk(), (byte) 0);
        }
    }

    /** The derivation root the KEK file keeps (present once the first key was retired). */
    public Optional<DerivationRoot> storedRoot() {
        return root;
    }

    /** The root the purpose keys derive from (a copy; the caller wipes it). */
    public DerivationRoot derivationRoot() throws GeneralSecurityException {
        if (root.isPresent()) {
            return new DerivationRoot(root.get().keyId(), root.get().prk().clone());
        }
        byte[] ikm = ((AesGcmKey) keyset.getAt(0).getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(DERIVE_SALT, HMAC));
            return new DerivationRoot(keyset.getAt(0).getId(), mac.doFinal(ikm));
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** The id of the key the purpose keys derive from (it may have been retired from the keyset since). */
    public int derivationKeyId() {
        return root.map(DerivationRoot::keyId).orElseGet(() -> keyset.getAt(0).getId());
    }

    /** The 5-byte Tink output prefix of every ciphertext the primary key makes. */
    public byte[] primaryPrefix() {
        return ByteBuffer.allocate(PREFIX_BYTES).put(TINK_PREFIX_MARKER).putInt(keyset.getPrimary().getId()).array();
    }

    public KekStatus status() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(keyset.getAt(i).getId());
        }
        return new KekStatus(keyset.getPrimary().getId(), ids);
    }
}
