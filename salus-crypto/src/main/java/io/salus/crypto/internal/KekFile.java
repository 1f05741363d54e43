package io.salus.crypto.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.crypto.KdfParameters;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The KEK file: JSON holding the Argon2id parameters and salt, and the Tink keyset encrypted (Tink JSON format) under
 * the master AEAD derived from the secret. Stateless and thread-safe; writes are atomic.
 */
public final class KekFile {
    static final String FORMAT = "salus-kek/1";
    private static final byte[] KEYSET_AAD = FORMAT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOT_AAD = (FORMAT + "|derivation-root").getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KekFile() {
    }

    /**
     * What the file holds: the keyset and, once the key the file was created with has been retired, the root the
     * purpose keys derive from ({@link Kek.DerivationRoot}, encrypted under the master key beside the keyset).
     */
    public record Loaded(KeysetHandle keyset, Optional<Kek.DerivationRoot> root) {
    }

    /** Reads and decrypts the keyset; {@code KEY_UNAVAILABLE} for a missing, malformed or undecryptable file. */
    public static Result<Loaded> load(Path file, char[] secret) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return unavailable("no KEK file at " + file);
        } catch (JacksonException e) {
            return unavailable("the KEK file " + file + " is not valid JSON (truncated or corrupted)");
        } catch (IOException e) {
            return unavailable("cannot read the KEK file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            return unavailable("the KEK file " + file + " is not a " + FORMAT + " file (corrupted?)");
        }
        KdfParameters kdf;
        byte[] salt;
        try {
            JsonNode k = root.path("kdf");
            if (!"argon2id".equals(k.path("algorithm").asText()) || k.path("version").asInt() != 0x13) {
                throw new IllegalArgumentException("unsupported KDF");
            }
            kdf = new KdfParameters(k.path("memoryKiB").asInt(), k.path("iterations").asInt(),
                    k.path("parallelism").asInt());
            salt = Base64.getDecoder().decode(k.path("salt").asText());
            if (salt.length < SALT_BYTES || !root.path("keyset").isObject()) {
                throw new IllegalArgumentException("bad salt or keyset");
            }
        } catch (IllegalArgumentException e) {
            return unavailable("the KEK file " + file + " has invalid KDF parameters or no keyset (corrupted?)");
        }
        try {
            Aead master = MasterKey.derive(secret, salt, kdf);
            String keyset = JSON.writeValueAsString(root.get("keyset"));
            Optional<Kek.DerivationRoot> derivation = Optional.empty();
            if (root.has("derivationRoot")) {
                JsonNode d = root.get("derivationRoot");
                derivation = Optional.of(new Kek.DerivationRoot(d.path("keyId").asInt(),
                        master.decrypt(Base64.getDecoder().decode(d.path("encrypted").asText()), ROOT_AAD)));
            }
            return Result.ok(new Loaded(TinkJsonProtoKeysetFormat.parseEncryptedKeyset(keyset, master, KEYSET_AAD,
                    AeadConfig2026.get()), derivation));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return unavailable("cannot decrypt the KEK keyset in " + file
                    + ": wrong secret, or the file was modified or corrupted");
        }
    }

    /** Encrypts the keyset under a master key derived from {@code secret} with a fresh salt, and writes it. */
    public static void write(Path file, KeysetHandle keyset, char[] secret, KdfParameters kdf, SecureRandom random,
            boolean replace) throws IOException, GeneralSecurityException {
        write(file, keyset, Optional.empty(), secret, kdf, random, replace);
    }

    /** {@link #write} with the derivation root, when the keyset no longer holds the key it comes from. */
    public static void write(Path file, KeysetHandle keyset, Optional<Kek.DerivationRoot> derivation, char[] secret,
            KdfParameters kdf, SecureRandom random, boolean replace) throws IOException, GeneralSecurityException {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Aead master = MasterKey.derive(secret, salt, kdf);
        String encrypted = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, master, KEYSET_AAD,
                AeadConfig2026.get());
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode k = root.putObject("kdf");
        k.put("algorithm", "argon2id");
        k.put("version", 0x13);
        k.put("memoryKiB", kdf.memoryKiB());
        k.put("iterations", kdf.iterations());
        k.put("parallelism", kdf.parallelism());
        k.put("salt", Base64.getEncoder().encodeToString(salt));
        root.set("keyset", JSON.readTree(encrypted));
        if (derivation.isPresent()) {
            root.putObject("derivationRoot").put("keyId", derivation.get().keyId()).put("encrypted",
                    Base64.getEncoder().encodeToString(master.encrypt(derivation.get().prk(), ROOT_AAD)));
        }
        byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        if (replace) {
            AtomicFiles.write(file, content);
        } else {
            AtomicFiles.create(file, content);
        }
    }

    private static <T> Result<T> unavailable(String detail) {
        return Result.fail(ErrorCode.KEY_UNAVAILABLE, detail);
    }
}
