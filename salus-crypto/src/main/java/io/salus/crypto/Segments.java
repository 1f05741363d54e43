package io.salus.crypto;

import io.salus.core.error.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STREAM segments of a package under one content key: AES-256-GCM, nonce {@code 0³² ‖ index⁶⁴}, associated data
 * {@code headerHash ‖ index⁶⁴ ‖ final⁸}. Not thread-safe (one {@link Cipher}): one per package.
 */
final class Segments {
    private final SecretKeySpec key;
    private final byte[] headerHash;
    private final Cipher gcm;

    Segments(byte[] contentKey, byte[] headerHash) {
        this.key = new SecretKeySpec(contentKey, "AES");
        this.headerHash = headerHash;
        try {
            this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM missing from the JDK", e);
        }
    }

    byte[] seal(byte[] plaintext, int length, long index, boolean last) throws GeneralSecurityException {
        init(Cipher.ENCRYPT_MODE, index, last);
        return gcm.doFinal(plaintext, 0, length);
    }

    private byte[] open(byte[] ciphertext, int length, long index, boolean last) throws GeneralSecurityException {
        init(Cipher.DECRYPT_MODE, index, last);
        return gcm.doFinal(ciphertext, 0, length);
    }

    private void init(int mode, long index, boolean last) throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(index).array();
        gcm.init(mode, key, new GCMParameterSpec(PackageCrypto.TAG_BYTES * 8, nonce));
        gcm.updateAAD(ByteBuffer.allocate(headerHash.length + 9).put(headerHash).putLong(index)
                .put((byte) (last ? 1 : 0)).array());
    }

    /** Reads, verifies and writes every segment; the last must be marked final and nothing may follow it. */
    Result<Long> openAll(InputStream in, OutputStream out, int segmentCiphertextBytes) throws IOException {
        byte[] current = new byte[segmentCiphertextBytes];
        byte[] next = new byte[segmentCiphertextBytes];
        int n = in.readNBytes(current, 0, segmentCiphertextBytes);
        long index = 0;
        long total = 0;
        while (true) {
            int m = n < segmentCiphertextBytes ? 0 : in.readNBytes(next, 0, segmentCiphertextBytes);
            boolean last = m == 0;
            if (n < PackageCrypto.TAG_BYTES) {
                return PackageCrypto.tampered("the package is truncated: segment " + index + " is incomplete");
            }
            try {
                byte[] plain = open(current, n, index, last);
                out.write(plain);
                total += plain.length;
            } catch (AEADBadTagException e) {
                return PackageCrypto.tampered(last && opensAsInner(current, n, index)
                        ? "the package is truncated: segment " + index + " is not the last one"
                        : "segment " + index + " failed authentication: altered, reordered or from another package");
            } catch (GeneralSecurityException e) {
                return PackageCrypto.tampered("segment " + index + " cannot be decrypted: " + e.getMessage());
            }
            if (last) {
                return Result.ok(total);
            }
            byte[] swap = current;
            current = next;
            next = swap;
            n = m;
            index++;
        }
    }

    private boolean opensAsInner(byte[] ciphertext, int length, long index) {
        try {
            open(ciphertext, length, index, false);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
