package io.salus.crypto.internal;

import com.google.crypto.tink.Aead;
import io.salus.crypto.KdfParameters;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Derives the master AEAD (AES-256-GCM) that encrypts the KEK keyset file from the node's secret with Argon2id
 * (BouncyCastle). Stateless and thread-safe.
 */
public final class MasterKey {
    private static final int KEY_BYTES = 32;

    private MasterKey() {
    }

    /** The master AEAD for this secret, salt and parameters. The secret's characters are read as UTF-8. */
    public static Aead derive(char[] secret, byte[] salt, KdfParameters kdf) throws GeneralSecurityException {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(kdf.memoryKiB())
                .withIterations(kdf.iterations()).withParallelism(kdf.parallelism()).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] key = new byte[KEY_BYTES];
        try {
            generator.generateBytes(secret, key);
            return RawAesGcm.aead(key);
        } finally {
            Arrays.fill(key, (byte) 0);
            params.clear();
        }
    }
}
