package io.salus.chain.internal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The EIP-712 encoding the Salus contracts check: 32-byte words of static values, keccak-256 of type strings and text,
 * the domain separator and the {@code 0x1901} digest. Stateless and thread-safe.
 */
public final class Eip712 {
    private static final String DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId,"
            + "address verifyingContract)";

    private Eip712() {
    }

    public static Hash32 domainSeparator(String name, String version, long chainId, EvmAddress verifyingContract) {
        return words(text(DOMAIN_TYPE), text(name), text(version), uint(chainId), address(verifyingContract));
    }

    /** keccak256(0x19 ‖ 0x01 ‖ domain separator ‖ struct hash): what the signer signs. */
    public static Hash32 digest(Hash32 domainSeparator, Hash32 structHash) {
        return Hashing.keccak256(new byte[]{0x19, 0x01}, domainSeparator.bytes(), structHash.bytes());
    }

    /** keccak256 of the concatenated 32-byte words (abi.encode of static values). */
    public static Hash32 words(byte[]... words) {
        return Hashing.keccak256(words);
    }

    /** The keccak-256 of a string's UTF-8 bytes: how type strings and {@code string} values are encoded. */
    public static byte[] text(String s) {
        return Hashing.keccak256(s.getBytes(StandardCharsets.UTF_8)).bytes();
    }

    /** A non-negative integer as a uint256 word; negative values (times before 1970, prices) are refused. */
    public static byte[] uint(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative values have no unsigned encoding: " + v);
        }
        byte[] b = BigInteger.valueOf(v).toByteArray();
        byte[] w = new byte[32];
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, w, 32 - len, len);
        return w;
    }

    /** An address as a left-padded word. */
    public static byte[] address(EvmAddress a) {
        byte[] w = new byte[32];
        System.arraycopy(HexFormat.of().parseHex(a.hex().substring(2)), 0, w, 12, 20);
        return w;
    }
}
