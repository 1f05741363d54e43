package io.salus.crypto;

import io.salus.core.error.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Test fixtures: key managers over fresh KEK files with cheap Argon2id parameters (the file format is the same). */
final class TestKeys {
    static final KdfParameters FAST_KDF = new KdfParameters(64, 1, 1);
    static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    static Path newKekFile() {
        try {
            return Files.createTempDirectory("salus-crypto-").resolve("keys").resolve("kek.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result<TinkKeyManager> openOrCreate(Path file, String secret) {
        return store(file).openOrCreate(secret.toCharArray());
    }

    static TinkKekStore store(Path file) {
        return new TinkKekStore(file, RANDOM, FAST_KDF);
    }

    static TinkKeyManager newManager() {
        return openOrCreate(newKekFile(), "correct horse battery staple").orElseThrow();
    }
}
