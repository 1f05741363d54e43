package io.salus.fhir.deid;

import io.salus.core.merkle.Hash32;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Passes bytes through while hashing them with SHA-256 and keccak-256 and counting them. Not thread-safe. */
final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private final KeccakDigest keccak = new KeccakDigest(256);
    private long count;

    HashingOutputStream(OutputStream out) {
        super(out);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        keccak.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        keccak.update(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }

    Hash32 sha256() {
        return Hash32.of(sha256.digest());
    }

    Hash32 keccak256() {
        byte[] out = new byte[32];
        keccak.doFinal(out, 0);
        return Hash32.of(out);
    }
}
