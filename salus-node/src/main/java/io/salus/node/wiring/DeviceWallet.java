package io.salus.node.wiring;

import io.salus.chain.consent.EvmSigner;
import io.salus.chain.custody.EvmIdentityRotation;
import io.salus.chain.recovery.RecoveryTypedData;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.custody.Rotation;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.crypto.KdfParameters;
import io.salus.crypto.custody.DeviceKeyFile;
import io.salus.crypto.custody.DeviceKeys;
import io.salus.crypto.custody.DeviceShares;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The command line's composition root for a self-custodied patient's device: its randomness, the key file (written
 * atomically, owner-only) and the secp256k1 signer. Nothing here talks to the node.
 */
public final class DeviceWallet {
    private final SecureRandom random;
    private final KdfParameters kdf;
    private final EvmSigner signer = new EvmSigner();

    private DeviceWallet(SecureRandom random, KdfParameters kdf) {
        this.random = random;
        this.kdf = kdf;
    }

    public static DeviceWallet create() {
        return new DeviceWallet(new SecureRandom(), KdfParameters.DEFAULT);
    }

    /** Guardian recovery's device-side operations (split and seal, re-seal, combine, re-wrap), on this randomness. */
    public DeviceShares shares() {
        return new DeviceShares(random);
    }

    public DeviceKeys newKeys() {
        return DeviceKeys.generate(random);
    }

    /** Writes the keys encrypted under the passphrase; refuses to overwrite an existing file. */
    public void save(DeviceKeys keys, Path file, char[] passphrase) {
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists; a key file is never overwritten");
        }
        try {
            AtomicFiles.write(file, DeviceKeyFile.encrypt(keys, passphrase, kdf, random));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public Result<DeviceKeys> open(Path file, char[] passphrase) {
        try {
            return DeviceKeyFile.decrypt(Files.readAllBytes(file), passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public byte[] sign(DeviceKeys keys, Hash32 digest) {
        byte[] key = keys.signingPrivateKey();
        try {
            return signer.sign(digest, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The EIP-712 digest of a GuardianRecovery instruction, computed on the device from the chain id and contract. */
    public static Hash32 recoveryDigest(long chainId, EvmAddress contract, Signed<?> instruction) {
        return new RecoveryTypedData(chainId, contract).digest(instruction);
    }

    /** The EIP-712 digest of ConsentRegistry's rotation, computed on the device from the chain id and registry. */
    public static Hash32 rotationDigest(long chainId, EvmAddress registry, Signed<Rotation> rotation) {
        return EvmIdentityRotation.digest(chainId, registry, rotation);
    }

    /** The EIP-712 hash of typed data as {@code eth_signTypedData_v4} computes it, computed on the device. */
    public static Hash32 typedDataHash(String typedDataJson) {
        try {
            return Hash32.of(new StructuredDataEncoder(typedDataJson).hashStructuredData());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the typed data cannot be hashed: " + e.getMessage(), e);
        }
    }
}
