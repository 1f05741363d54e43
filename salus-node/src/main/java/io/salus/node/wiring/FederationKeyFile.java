package io.salus.node.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.account.EvmAddress;
import io.salus.core.port.KeyManager;
import io.salus.crypto.federation.Ed25519NodeKey;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The node's Ed25519 key for requests to other nodes: generated on first use into
 * {@code <data dir>/keys/federation-key.json} (owner-only, atomic), its seed sealed under the KEK.
 */
final class FederationKeyFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PURPOSE = "node-federation-key";

    private FederationKeyFile() {
    }

    static Ed25519NodeKey openOrCreate(Path dataDir, KeyManager keys, EvmAddress node, SecureRandom random) {
        Path f = dataDir.resolve("keys").resolve("federation-key.json");
        try {
            byte[] seed;
            if (Files.exists(f)) {
                JsonNode n = JSON.readTree(f.toFile());
                seed = keys.openSecret(Base64.getDecoder().decode(n.path("sealed").asText()), PURPOSE).orElseThrow();
            } else {
                seed = Ed25519NodeKey.newSeed(random);
                AtomicFiles.write(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.createObjectNode()
                        .put("format", "salus-federation-key/1")
                        .put("sealed", Base64.getEncoder().encodeToString(keys.sealSecret(seed, PURPOSE)))));
            }
            try {
                return new Ed25519NodeKey(node, seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + f, e);
        }
    }
}
