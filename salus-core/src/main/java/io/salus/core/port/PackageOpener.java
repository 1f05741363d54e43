package io.salus.core.port;

import io.salus.core.error.Result;

/**
 * Opens a data package (a settled deal's delivery) addressed to a custodial account, with that account's KEK-sealed
 * encryption private key: what a consumer account held by the node needs to read its own purchase, and nothing more
 * of the key manager. Thread-safe.
 */
public interface PackageOpener {

    /**
     * The package's plaintext. {@code KEY_UNAVAILABLE} if the key does not unseal or the package is for another key,
     * {@code RECORD_TAMPERED} if the package was altered or truncated.
     */
    Result<byte[]> openPackage(byte[] sealedPackage, byte[] sealedEncryptionPrivateKey);
}
