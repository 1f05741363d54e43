package io.salus.crypto;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.crypto.internal.AccountKeyPairs;
import io.salus.crypto.internal.Hpke;
import io.salus.crypto.internal.HpkeSender;
import io.salus.platform.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts a data package to a consumer's X25519 key, for packages of any size. A fresh AES-256 content key encrypts
 * the package in segments (1 MiB by default) with AES-256-GCM in a STREAM construction (Hoang et al.): segment
 * {@code i} uses nonce {@code 0³²‖i⁶⁴} and associated data {@code SHA-256(header) ‖ i⁶⁴ ‖ final⁸}, so a segment
 * altered, dropped, repeated, reordered, moved from another package or cut off at the end fails, as does a header
 * altered. The content key is wrapped with HPKE (RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-256-GCM, info = {@code "salus/package/1" ‖ header prefix}) to the consumer's public key.
 *
 * <p>
 * Format: {@code "SALUSPKG" ‖ version(1) = 1 ‖ segment size(4, big-endian) ‖ wrapped-key length(2) ‖ wrapped key
 * (HPKE enc(32) ‖ ciphertext(32) ‖ tag(16))}, then the segments, each {@code ciphertext ‖ tag(16)}; every segment but
 * the last holds exactly the segment size of plaintext, the last holds 0 up to the segment size.
 *
 * <p>
 * Decryption releases nothing unauthenticated to files ({@link #decrypt(Path, Path, byte[])} writes a temporary file
 * and moves it into place only once the last segment verifies); the stream variant writes verified segments as it
 * goes and the caller must discard the output on failure. Thread-safe: stateless apart from the shared
 * {@link SecureRandom}.
 */
public final class PackageCrypto {
    public static final int DEFAULT_SEGMENT_BYTES = 1 << 20;
    static final byte[] MAGIC = "SALUSPKG".getBytes(StandardCharsets.US_ASCII);
    static final byte VERSION = 1;
    static final int TAG_BYTES = 16;
    private static final byte[] INFO_PREFIX = "salus/package/1".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX_BYTES = MAGIC.length + 1 + 4;
    private static final int MAX_SEGMENT_BYTES = 64 << 20;

    private final SecureRandom random;
    private final HpkeSender hpke;
    private final int segmentBytes;

    public PackageCrypto(SecureRandom random) {
        this(random, DEFAULT_SEGMENT_BYTES);
    }

    public PackageCrypto(SecureRandom random, int segmentBytes) {
        if (segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("a segment holds 1 byte to 64 MiB");
        }
        this.random = random;
        this.hpke = new HpkeSender(random);
        this.segmentBytes = segmentBytes;
    }

    /** Encrypts {@code plaintext} to the consumer's 32-byte X25519 public key. */
    public byte[] encrypt(byte[] plaintext, byte[] recipientPublicKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + plaintext.length / 1000 + 256);
        try {
            encrypt(new ByteArrayInputStream(plaintext), out, recipientPublicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Encrypts the file {@code in} into {@code out} (replaced if present, atomically and owner-only) and returns the
     * size written.
     */
    public long encrypt(Path in, Path out, byte[] recipientPublicKey) {
        try (AtomicFiles.Pending file = AtomicFiles.begin(out);
                InputStream i = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
            encrypt(i, file.out(), recipientPublicKey);
            file.commit();
            return Files.size(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encrypt " + in + " to " + out, e);
        }
    }

    /** Encrypts a stream; neither stream is closed. */
    public void encrypt(InputStream in, OutputStream out, byte[] recipientPublicKey) throws IOException {
        if (recipientPublicKey == null || recipientPublicKey.length != Hpke.KEY_BYTES) {
            throw new IllegalArgumentException("a consumer encryption public key is 32 bytes (X25519)");
        }
        byte[] contentKey = new byte[32];
        random.nextBytes(contentKey);
        try {
            byte[] prefix = prefix(segmentBytes);
            byte[] wrapped = hpke.encrypt(recipientPublicKey, contentKey, info(prefix));
            byte[] header = ByteBuffer.allocate(prefix.length + 2 + wrapped.length).put(prefix)
                    .putShort((short) wrapped.length).put(wrapped).array();
            out.write(header);
            sealSegments(in, out, new Segments(contentKey, sha256(header)), segmentBytes);
        } catch (GeneralSecurityException e) {
            throw new SalusException("encrypting a package failed", e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /** Decrypts a package held in memory with the consumer's raw 32-byte X25519 private key. */
    public static Result<byte[]> decrypt(byte[] sealed, byte[] recipientPrivateKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, sealed.length));
        try {
            return decrypt(new ByteArrayInputStream(sealed), out, recipientPrivateKey).map(n -> out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decrypts the file {@code in} to {@code out}, which appears (replacing any file there, owner-only) only if the
     * whole package verifies; returns the plaintext size.
     */
    public static Result<Long> decrypt(Path in, Path out, byte[] recipientPrivateKey) {
        try (AtomicFiles.Pending file = AtomicFiles.begin(out);
                InputStream i = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
            Result<Long> result = decrypt(i, file.out(), recipientPrivateKey);
            if (result.isOk()) {
                file.commit();
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decrypt " + in + " to " + out, e);
        }
    }

    /**
     * Decrypts a stream, writing each segment once it verifies; returns the plaintext size. On a failure the output
     * holds a verified prefix only, and the caller must discard it. Neither stream is closed.
     */
    public static Result<Long> decrypt(InputStream in, OutputStream out, byte[] recipientPrivateKey)
            throws IOException {
        if (recipientPrivateKey == null || recipientPrivateKey.length != Hpke.KEY_BYTES) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "a consumer encryption private key is 32 bytes (X25519)");
        }
        byte[] first = in.readNBytes(PREFIX_BYTES);
        if (first.length < PREFIX_BYTES || !Arrays.equals(first, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return tampered("not a Salus package (no SALUSPKG header)");
        }
        if (first[MAGIC.length] == KeyReleasePackage.VERSION) {
            return KeyReleasePackage.decrypt(first, in, out, recipientPrivateKey);
        }
        byte[] length = in.readNBytes(2);
        if (length.length < 2) {
            return tampered("not a Salus package (no SALUSPKG header)");
        }
        byte[] prefix = ByteBuffer.allocate(PREFIX_BYTES + 2).put(first).put(length).array();
        ByteBuffer p = ByteBuffer.wrap(prefix, MAGIC.length, prefix.length - MAGIC.length);
        byte version = p.get();
        int segmentBytes = p.getInt();
        int wrappedBytes = Short.toUnsignedInt(p.getShort());
        if (version != VERSION) {
            return tampered("package format version " + version + " is not supported");
        }
        if (segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES || wrappedBytes != 32 + 32 + TAG_BYTES) {
            return tampered("the package header is malformed");
        }
        byte[] wrapped = in.readNBytes(wrappedBytes);
        if (wrapped.length != wrappedBytes) {
            return tampered("the package is truncated inside its header");
        }
        byte[] header = ByteBuffer.allocate(prefix.length + wrapped.length).put(prefix).put(wrapped).array();
        byte[] contentKey;
        try {
            contentKey = Hpke.decrypt(recipientPrivateKey, AccountKeyPairs.encryptionPublicKey(recipientPrivateKey),
                    wrapped, info(Arrays.copyOf(prefix, PREFIX_BYTES)));
        } catch (GeneralSecurityException e) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE,
                    "the package is not encrypted to this key (or its header was altered)");
        }
        try {
            return new Segments(contentKey, sha256(header)).openAll(in, out, segmentBytes + TAG_BYTES);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    static <T> Result<T> tampered(String detail) {
        return Result.fail(ErrorCode.RECORD_TAMPERED, detail);
    }

    private static byte[] prefix(int segmentBytes) {
        return ByteBuffer.allocate(PREFIX_BYTES).put(MAGIC).put(VERSION).putInt(segmentBytes).array();
    }

    /**
     * Writes {@code in} as STREAM segments of {@code segmentBytes} plaintext each, the last one (possibly empty) marked
     * final.
     */
    static void sealSegments(InputStream in, OutputStream out, Segments segments, int segmentBytes)
            throws IOException, GeneralSecurityException {
        byte[] current = new byte[segmentBytes];
        byte[] next = new byte[segmentBytes];
        int n = in.readNBytes(current, 0, segmentBytes);
        long index = 0;
        while (true) {
            int m = n < segmentBytes ? 0 : in.readNBytes(next, 0, segmentBytes);
            boolean last = m == 0;
            out.write(segments.seal(current, n, index++, last));
            if (last) {
                return;
            }
            byte[] swap = current;
            current = next;
            next = swap;
            n = m;
        }
    }

    private static byte[] info(byte[] prefix) {
        return concat(INFO_PREFIX, prefix);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
