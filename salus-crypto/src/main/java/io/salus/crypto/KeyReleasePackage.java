package io.salus.crypto;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.crypto.internal.AccountKeyPairs;
import io.salus.crypto.internal.Hpke;
import io.salus.crypto.internal.HpkeSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A data package whose content key is released apart from the ciphertext (format version 2): the node encrypts the
 * package under a fresh content key when it stages a delivery and keeps only the ciphertext with an empty key slot;
 * the content key, wrapped to the consumer with HPKE, goes on chain in the settlement transaction that closes the deal,
 * and the node fills the slot from there when it serves the package. The staged ciphertext alone opens for nobody.
 *
 * <pre>
 * prefix  = "SALUSPKG" ‖ version (1 byte) = 2 ‖ segment size (4 bytes) ‖ package id (16 random bytes)
 * file    = prefix ‖ key length (2 bytes) ‖ wrapped key (0 bytes while staged, 80 once released) ‖ segments
 * wrapped = HPKE-Seal(pk_consumer, info = "salus/package/2" ‖ prefix, content key)
 * segment i = AES-256-GCM(content key, nonce = 0³² ‖ i⁶⁴, aad = SHA-256(prefix) ‖ i⁶⁴ ‖ final⁸)
 * </pre>
 *
 * The segments are the STREAM construction of {@link PackageCrypto}; their associated data binds the prefix, not the
 * key slot, so filling the slot leaves them valid. The ciphertext hash a settlement records is the SHA-256 of the
 * staged file (empty key slot). Thread-safe: stateless apart from the shared {@link SecureRandom}.
 */
public final class KeyReleasePackage {
    static final byte VERSION = 2;
    static final int ID_BYTES = 16;
    static final int PREFIX_BYTES = PackageCrypto.MAGIC.length + 1 + 4 + ID_BYTES;
    static final int WRAPPED_BYTES = 32 + 32 + PackageCrypto.TAG_BYTES;
    private static final byte[] INFO_PREFIX = "salus/package/2".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random;
    private final HpkeSender hpke;
    private final int segmentBytes;

    public KeyReleasePackage(SecureRandom random) {
        this(random, PackageCrypto.DEFAULT_SEGMENT_BYTES);
    }

    public KeyReleasePackage(SecureRandom random, int segmentBytes) {
        if (segmentBytes < 1 || segmentBytes > 64 << 20) {
            throw new IllegalArgumentException("a segment holds 1 byte to 64 MiB");
        }
        this.random = random;
        this.hpke = new HpkeSender(random);
        this.segmentBytes = segmentBytes;
    }

    /** What staging produced: the content key (the caller seals it and wipes this copy) and the prefix. */
    public record Staged(byte[] contentKey, byte[] prefix) {
    }

    /** Encrypts {@code in} under a fresh content key into {@code out} with an empty key slot. Neither stream closes. */
    public Staged stage(InputStream in, OutputStream out) throws IOException {
        byte[] contentKey = new byte[32];
        random.nextBytes(contentKey);
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        byte[] prefix = ByteBuffer.allocate(PREFIX_BYTES).put(PackageCrypto.MAGIC).put(VERSION).putInt(segmentBytes)
                .put(id).array();
        out.write(prefix);
        out.write(new byte[2]);
        try {
            PackageCrypto.sealSegments(in, out, new Segments(contentKey, PackageCrypto.sha256(prefix)), segmentBytes);
            return new Staged(contentKey, prefix);
        } catch (GeneralSecurityException e) {
            Arrays.fill(contentKey, (byte) 0);
            throw new SalusException("encrypting a package failed", e);
        }
    }

    /** The content key wrapped to the consumer's X25519 public key, bound to the package's prefix. */
    public byte[] wrap(byte[] contentKey, byte[] prefix, byte[] recipientPublicKey) {
        try {
            return hpke.encrypt(recipientPublicKey, contentKey, info(prefix));
        } catch (GeneralSecurityException e) {
            throw new SalusException("wrapping a content key failed", e);
        }
    }

    /** Copies a staged package to {@code out} with its key slot filled with {@code wrappedKey}. */
    public static void release(InputStream staged, OutputStream out, byte[] wrappedKey) throws IOException {
        byte[] prefix = staged.readNBytes(PREFIX_BYTES + 2);
        if (prefix.length != PREFIX_BYTES + 2 || prefix[PackageCrypto.MAGIC.length] != VERSION
                || prefix[PREFIX_BYTES] != 0 || prefix[PREFIX_BYTES + 1] != 0) {
            throw new SalusException("not a staged version-2 package");
        }
        if (wrappedKey.length != WRAPPED_BYTES) {
            throw new IllegalArgumentException("a wrapped content key is " + WRAPPED_BYTES + " bytes");
        }
        out.write(prefix, 0, PREFIX_BYTES);
        out.write(ByteBuffer.allocate(2).putShort((short) wrappedKey.length).array());
        out.write(wrappedKey);
        staged.transferTo(out);
    }

    /** Decrypts a version-2 package whose first 13 bytes (magic, version, segment size) were read already. */
    static Result<Long> decrypt(byte[] first, InputStream in, OutputStream out, byte[] recipientPrivateKey)
            throws IOException {
        byte[] rest = in.readNBytes(ID_BYTES + 2);
        if (rest.length != ID_BYTES + 2) {
            return PackageCrypto.tampered("the package is truncated inside its header");
        }
        byte[] prefix = ByteBuffer.allocate(PREFIX_BYTES).put(first).put(rest, 0, ID_BYTES).array();
        int segmentBytes = ByteBuffer.wrap(first, PackageCrypto.MAGIC.length + 1, 4).getInt();
        int keyBytes = Short.toUnsignedInt(ByteBuffer.wrap(rest, ID_BYTES, 2).getShort());
        if (keyBytes == 0) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the package carries no content key: its key is released "
                    + "on chain when the deal settles; download it from the node after settlement");
        }
        if (segmentBytes < 1 || segmentBytes > 64 << 20 || keyBytes != WRAPPED_BYTES) {
            return PackageCrypto.tampered("the package header is malformed");
        }
        byte[] wrapped = in.readNBytes(keyBytes);
        if (wrapped.length != keyBytes) {
            return PackageCrypto.tampered("the package is truncated inside its header");
        }
        byte[] contentKey;
        try {
            contentKey = Hpke.decrypt(recipientPrivateKey, AccountKeyPairs.encryptionPublicKey(recipientPrivateKey),
                    wrapped, info(prefix));
        } catch (GeneralSecurityException e) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE,
                    "the package's key is not wrapped to this key (or its header was altered)");
        }
        try {
            return new Segments(contentKey, PackageCrypto.sha256(prefix)).openAll(in, out,
                    segmentBytes + PackageCrypto.TAG_BYTES);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    private static byte[] info(byte[] prefix) {
        return PackageCrypto.concat(INFO_PREFIX, prefix);
    }
}
