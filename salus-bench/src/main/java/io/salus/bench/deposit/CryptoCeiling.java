package io.salus.bench.deposit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The JDK's ceiling for the per-record work of a deposit: AES-256-GCM encryption (fresh 96-bit nonce) and SHA-256 of
 * every resource's bytes, nothing else. Thread-safe (a cipher and digest per call).
 */
public final class CryptoCeiling {
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public CryptoCeiling() {
        try {
            KeyGenerator g = KeyGenerator.getInstance("AES");
            g.init(256);
            this.key = g.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encrypts and hashes every resource; returns a checksum so the work cannot be optimised away. */
    public long sealAndHash(List<byte[]> resources) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] iv = new byte[12];
            long check = 0;
            for (byte[] r : resources) {
                random.nextBytes(iv);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                byte[] sealed = cipher.doFinal(r);
                byte[] digest = sha.digest(r);
                check += sealed.length + digest[0];
            }
            return check;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
