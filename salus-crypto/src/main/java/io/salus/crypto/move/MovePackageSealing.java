package io.salus.crypto.move;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.move.MovePackage;
import io.salus.core.move.PackageSealing;
import io.salus.crypto.PackageCrypto;
import io.salus.crypto.federation.Ed25519Agreement;
import io.salus.crypto.federation.Ed25519NodeKey;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * {@link PackageSealing} with {@link PackageCrypto} (HPKE-wrapped content key, AES-256-GCM segments) to the X25519
 * form of a member's registered Ed25519 key; opened with this node's own. The plaintext JSON is wiped once sealed or
 * decoded. Thread-safe.
 */
public final class MovePackageSealing implements PackageSealing {
    private final Ed25519NodeKey self;
    private final PackageCrypto crypto;

    public MovePackageSealing(Ed25519NodeKey self, SecureRandom random) {
        this.self = self;
        this.crypto = new PackageCrypto(random);
    }

    @Override
    public byte[] sealTo(byte[] memberSigningKey, MovePackage pkg) {
        byte[] plain = MovePackageCodec.encode(pkg);
        try {
            return crypto.encrypt(plain, Ed25519Agreement.publicKeyOf(memberSigningKey));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public Result<MovePackage> open(byte[] sealed) {
        byte[] key = self.agreementPrivateKey();
        try {
            Result<byte[]> plain = PackageCrypto.decrypt(sealed, key);
            if (!plain.isOk()) {
                return Result.fail(ErrorCode.MOVE_PACKAGE_INVALID, "the package does not open with this node's key");
            }
            byte[] bytes = plain.orElseThrow();
            try {
                return Result.ok(MovePackageCodec.decode(bytes));
            } catch (IOException | RuntimeException e) {
                return Result.fail(ErrorCode.MOVE_PACKAGE_INVALID, "the package does not decode: " + e.getMessage());
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
