package io.salus.crypto;

import com.google.crypto.tink.KeysetHandle;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.crypto.internal.Kek;
import io.salus.crypto.internal.KekFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's key-encryption key on disk: a Tink AES-256-GCM keyset in one file, encrypted under a master key derived
 * from the node's secret with Argon2id. Creates the file on first start, opens it into a {@link TinkKeyManager},
 * re-encrypts it under a new secret, and adds a new primary key. Every failure (a wrong or empty secret, a missing or
 * corrupted file) is {@code KEY_UNAVAILABLE}; a corrupted file is never overwritten. The caller keeps and clears the
 * secrets it passes.
 *
 * <p>
 * Thread-safe, but rotations replace the file atomically without coordinating with each other: run one at a time. A
 * running key manager keeps the keyset it was opened with; a rotated KEK takes effect when the file is opened again.
 */
public final class TinkKekStore {
    private static final Logger LOG = LoggerFactory.getLogger(TinkKekStore.class);
    private static final String CHECK_LABEL = "salus/retirement-check/1";
    private final Path file;
    private final SecureRandom random;
    private final KdfParameters kdf;

    /** With {@link KdfParameters#DEFAULT} for files this store writes. */
    public TinkKekStore(Path file, SecureRandom random) {
        this(file, random, KdfParameters.DEFAULT);
    }

    /** {@code kdf} applies to the files this store writes; an existing file carries its own parameters. */
    public TinkKekStore(Path file, SecureRandom random, KdfParameters kdf) {
        this.file = Objects.requireNonNull(file, "file");
        this.random = Objects.requireNonNull(random, "random");
        this.kdf = Objects.requireNonNull(kdf, "kdf");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** Opens the KEK file, or creates it with a new AES-256-GCM keyset when there is none. */
    public Result<TinkKeyManager> openOrCreate(char[] secret) {
        if (secret == null || secret.length == 0) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the master secret is empty (set SALUS_MASTER_SECRET)");
        }
        if (!exists()) {
            try {
                KeysetHandle keyset = Kek.newKeyset(random);
                KekFile.write(file, keyset, secret, kdf, random, false);
                LOG.info("Created a new key-encryption keyset in {}", file);
                return Result.ok(TinkKeyManager.of(Kek.of(keyset), random));
            } catch (FileAlreadyExistsException raced) {
                LOG.info("Another process created {} first; opening it", file);
            } catch (IOException | GeneralSecurityException e) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE,
                        "cannot create the KEK file " + file + ": " + e.getMessage());
            }
        }
        return open(secret);
    }

    /** Opens the existing KEK file. */
    public Result<TinkKeyManager> open(char[] secret) {
        return load(secret).map(kek -> TinkKeyManager.of(kek, random));
    }

    /**
     * Re-encrypts the KEK file under {@code newSecret} (fresh salt). The keys themselves do not change, so nothing else
     * needs re-wrapping.
     */
    public Result<KekStatus> rotateSecret(char[] oldSecret, char[] newSecret) {
        if (newSecret == null || newSecret.length == 0) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the new master secret is empty");
        }
        Result<KekStatus> result = load(oldSecret).flatMap(kek -> rewrite(kek, newSecret));
        if (result.isOk()) {
            LOG.info("Re-encrypted {} under a new master secret", file);
        }
        return result;
    }

    /**
     * Adds a new AES-256-GCM key to the KEK file as primary. Old keys stay enabled, so everything wrapped before still
     * opens; new wraps (after the file is opened again) use the new key. Re-wrap old data with
     * {@link TinkKeyManager#rewrap} and {@link TinkKeyManager#rewrapSealedKey}.
     */
    public Result<KekStatus> rotateKek(char[] secret) {
        Result<KekStatus> result = load(secret).flatMap(kek -> {
            try {
                return rewrite(Kek.of(kek.withNewPrimary(random), kek.storedRoot()), secret);
            } catch (GeneralSecurityException e) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "cannot generate a new KEK key: " + e.getMessage());
            }
        });
        if (result instanceof Result.Ok<KekStatus> ok) {
            LOG.info("Added KEK key {} as primary in {}", ok.value().primaryKeyId(), file);
        }
        return result;
    }

    /**
     * Deletes every key but the primary from the KEK file, once the caller has verified (by a count) that nothing is
     * sealed under them any more. {@code expectedPrimary} is the primary the caller re-wrapped to: if the file's
     * primary is another (a rotation in between), nothing changes. When the key the file was created with goes, the
     * root the purpose keys derive from is kept in the file (encrypted under the master key, one-way from that key:
     * it decrypts nothing), so blind indexes, keyed hashes and pseudonyms stay valid. {@code KEY_UNAVAILABLE} for a
     * wrong secret or an unreadable file, which is then left as it was.
     */
    public Result<KekStatus> retireOldKeys(char[] secret, int expectedPrimary) {
        Result<KekStatus> result = load(secret).flatMap(kek -> {
            if (kek.status().primaryKeyId() != expectedPrimary) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the KEK's primary key is " + kek.status().primaryKeyId()
                        + ", not " + expectedPrimary + " (rotated meanwhile?): no key deleted");
            }
            if (kek.status().keyIds().size() == 1) {
                return Result.ok(kek.status());
            }
            try {
                Kek.DerivationRoot root = kek.derivationRoot();
                Kek retired = Kek.of(kek.primaryOnly(), Optional.of(root));
                if (!Arrays.equals(retired.derive(CHECK_LABEL), kek.derive(CHECK_LABEL))) {
                    return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the purpose keys would change: no key deleted");
                }
                return rewrite(retired, secret);
            } catch (GeneralSecurityException e) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "cannot retire old KEK keys: " + e.getMessage());
            }
        });
        if (result instanceof Result.Ok<KekStatus> ok) {
            LOG.info("The KEK in {} now holds keys {}", file, ok.value().keyIds());
        }
        return result;
    }

    private Result<Kek> load(char[] secret) {
        if (secret == null || secret.length == 0) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the master secret is empty (set SALUS_MASTER_SECRET)");
        }
        return KekFile.load(file, secret).flatMap(loaded -> {
            try {
                return Result.ok(Kek.of(loaded.keyset(), loaded.root()));
            } catch (GeneralSecurityException e) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the KEK in " + file + " is unusable: " + e.getMessage());
            }
        });
    }

    private Result<KekStatus> rewrite(Kek kek, char[] secret) {
        try {
            KekFile.write(file, kek.keyset(), kek.storedRoot(), secret, kdf, random, true);
            return Result.ok(kek.status());
        } catch (IOException | GeneralSecurityException e) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "cannot write the KEK file " + file + ": " + e.getMessage());
        }
    }
}
