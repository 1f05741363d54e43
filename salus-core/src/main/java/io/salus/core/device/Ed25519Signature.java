package io.salus.core.device;

/** An Ed25519 signature (RFC 8032: R ‖ S, 64 bytes). Immutable. */
public final class Ed25519Signature extends FixedBytes {
    public static final int LENGTH = 64;
    private static final String WHAT = "an Ed25519 signature";

    private Ed25519Signature(byte[] bytes) {
        super(bytes, LENGTH, WHAT);
    }

    public static Ed25519Signature of(byte[] bytes) {
        return new Ed25519Signature(bytes);
    }

    public static Ed25519Signature fromHex(String hex) {
        return new Ed25519Signature(parseHex(hex, LENGTH, WHAT));
    }
}
