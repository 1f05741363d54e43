package io.salus.crypto.internal;

import io.salus.core.account.EvmAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An account private key encrypted under the KEK: {@code version(1) ‖ role(1) ‖ address(20) ‖ KEK ciphertext}. The
 * KEK ciphertext's associated data is {@code "salus/account-key/1:" ‖ role ‖ address}, so a sealed key only opens for
 * the address and role it was made for, and the blob says which those are (needed to open a patient's encryption key,
 * which is passed without its address). Immutable and thread-safe.
 */
public record SealedAccountKey(Role role, EvmAddress address, byte[] kekCiphertext) {
    private static final byte VERSION = 1;
    /** Bytes before the KEK ciphertext: version, role, address. */
    public static final int HEADER = 22;
    private static final byte[] AAD_PREFIX = "salus/account-key/1:".getBytes(StandardCharsets.US_ASCII);

    /** What the key is for. */
    public enum Role {
        SIGNING((byte) 1),
        ENCRYPTION((byte) 2);

        final byte tag;

        Role(byte tag) {
            this.tag = tag;
        }
    }

    public static SealedAccountKey seal(Kek kek, Role role, EvmAddress address, byte[] privateKey)
            throws GeneralSecurityException {
        return new SealedAccountKey(role, address, kek.encrypt(privateKey, aad(role, address)));
    }

    public byte[] open(Kek kek) throws GeneralSecurityException {
        return kek.decrypt(kekCiphertext, aad(role, address));
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER + kekCiphertext.length];
        out[0] = VERSION;
        out[1] = role.tag;
        System.arraycopy(addressBytes(address), 0, out, 2, 20);
        System.arraycopy(kekCiphertext, 0, out, HEADER, kekCiphertext.length);
        return out;
    }

    /** Parses a blob; empty when it is not one (wrong length, version or role). */
    public static Optional<SealedAccountKey> decode(byte[] blob) {
        if (blob == null || blob.length <= HEADER || blob[0] != VERSION) {
            return Optional.empty();
        }
        Role role = null;
        for (Role r : Role.values()) {
            if (r.tag == blob[1]) {
                role = r;
            }
        }
        if (role == null) {
            return Optional.empty();
        }
        EvmAddress address = EvmAddress.of(Arrays.copyOfRange(blob, 2, HEADER));
        return Optional.of(new SealedAccountKey(role, address, Arrays.copyOfRange(blob, HEADER, blob.length)));
    }

    private static byte[] aad(Role role, EvmAddress address) {
        byte[] out = Arrays.copyOf(AAD_PREFIX, AAD_PREFIX.length + 21);
        out[AAD_PREFIX.length] = role.tag;
        System.arraycopy(addressBytes(address), 0, out, AAD_PREFIX.length + 1, 20);
        return out;
    }

    private static byte[] addressBytes(EvmAddress address) {
        return HexFormat.of().parseHex(address.hex().substring(2));
    }
}
