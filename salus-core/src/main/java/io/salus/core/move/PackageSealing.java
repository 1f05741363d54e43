package io.salus.core.move;

import io.salus.core.error.Result;

/**
 * Port: seals a moved bank to a member node's key (the X25519 form of the Ed25519 key the NodeRegistry lists for it,
 * so no other key is trusted), and opens what was sealed to this node. Encoding the package is the adapter's.
 */
public interface PackageSealing {
    byte[] sealTo(byte[] memberSigningKey, MovePackage pkg);

    /** {@code MOVE_PACKAGE_INVALID} if it does not open with this node's key or does not decode. */
    Result<MovePackage> open(byte[] sealed);
}
