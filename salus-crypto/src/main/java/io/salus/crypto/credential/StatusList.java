package io.salus.crypto.credential;

import io.salus.core.credential.StatusBits;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.BitSet;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An IETF Token Status List with one bit per credential (1 = revoked): the bytes in index order, bit {@code i} in
 * byte {@code i / 8} at position {@code i % 8} (least significant first), zlib-compressed and base64url-encoded as
 * {@code lst}. Immutable and thread-safe.
 */
public record StatusList(byte[] bytes) implements StatusBits {
    /** The smallest list published, so that one credential's index does not stand out. */
    public static final int MIN_BITS = 16_384;
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    public StatusList {
        bytes = bytes.clone();
    }

    public static StatusList of(BitSet revoked) {
        int bits = Math.max(MIN_BITS, revoked.length());
        byte[] b = new byte[(bits + 7) / 8];
        for (int i = revoked.nextSetBit(0); i >= 0; i = revoked.nextSetBit(i + 1)) {
            b[i / 8] |= (byte) (1 << (i % 8));
        }
        return new StatusList(b);
    }

    @Override
    public boolean revoked(int index) {
        if (index < 0 || index / 8 >= bytes.length) {
            throw new IllegalArgumentException("status index " + index + " is outside the list");
        }
        return (bytes[index / 8] & (1 << (index % 8))) != 0;
    }

    public String encoded() {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(bytes);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        } finally {
            d.end();
        }
    }

    public static StatusList decode(String lst) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(Base64.getUrlDecoder().decode(lst));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalArgumentException("truncated status list");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw new IllegalArgumentException("status list too large");
                }
            }
            return new StatusList(out.toByteArray());
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("status list is not zlib data", e);
        } finally {
            inf.end();
        }
    }
}
