package io.salus.node.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.account.EvmAddress;
import io.salus.core.port.KeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The node's own keys and secrets, none of them an API account's: the relayer (pays gas, signs the node's chain
 * transactions, holds DataDeals' MATCHER_ROLE on the local chain), the deal admin (proposer and executor of the
 * DealTimelock: every change of payees, matcher and split policy goes through it), the claim secret (per-deal claim
 * addresses) and the date-shift secret (one shift per patient and consumer organisation). Generated on first start
 * into {@code <data dir>/keys/node-keys.json} (owner-only, written through a temporary file, fsync and rename), every
 * private part sealed under the KEK; no endpoint exports them. The caller wipes what it takes out.
 */
final class NodeSecrets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyManager keys;
    private final JsonNode file;

    private NodeSecrets(KeyManager keys, JsonNode file) {
        this.keys = keys;
        this.file = file;
    }

    static NodeSecrets openOrCreate(Path dataDir, KeyManager keys, SecureRandom random) {
        Path f = dataDir.resolve("keys").resolve("node-keys.json");
        try {
            if (Files.exists(f)) {
                return new NodeSecrets(keys, JSON.readTree(f.toFile()));
            }
            ObjectNode n = JSON.createObjectNode().put("format", "salus-node-keys/1");
            n.set("relayer", account(keys.newAccountKeys()));
            n.set("admin", account(keys.newAccountKeys()));
            n.put("claimSecret", b64(keys.sealSecret(fresh(random), "node-claim-secret")));
            n.put("shiftSecret", b64(keys.sealSecret(fresh(random), "node-date-shift-secret")));
            write(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
            return new NodeSecrets(keys, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + f, e);
        }
    }

    EvmAddress relayerAddress() {
        return new EvmAddress(file.path("relayer").path("address").asText());
    }

    byte[] relayerKey() {
        return signingKey("relayer");
    }

    EvmAddress adminAddress() {
        return new EvmAddress(file.path("admin").path("address").asText());
    }

    byte[] adminKey() {
        return signingKey("admin");
    }

    byte[] claimSecret() {
        return keys.openSecret(Base64.getDecoder().decode(file.path("claimSecret").asText()), "node-claim-secret")
                .orElseThrow();
    }

    byte[] shiftSecret() {
        return keys.openSecret(Base64.getDecoder().decode(file.path("shiftSecret").asText()),
                "node-date-shift-secret").orElseThrow();
    }

    private byte[] signingKey(String role) {
        JsonNode k = file.path(role);
        return keys.unsealSigningKey(new EvmAddress(k.path("address").asText()),
                Base64.getDecoder().decode(k.path("sealed").asText())).orElseThrow();
    }

    private static ObjectNode account(KeyManager.AccountKeys k) {
        return JSON.createObjectNode().put("address", k.address().hex()).put("sealed",
                b64(k.sealedSigningPrivateKey()));
    }

    private static byte[] fresh(SecureRandom random) {
        byte[] s = new byte[32];
        random.nextBytes(s);
        return s;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
