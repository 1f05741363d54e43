package io.salus.node.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.error.Result;
import io.salus.core.keys.KekHolding;
import io.salus.core.keys.KekRewrap;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The node's own sealed keys and secrets in {@code <data dir>/keys/node-keys.json} ({@link NodeSecrets}: the relayer's
 * and the deal admin's signing keys, the claim and date-shift secrets) as a {@link KekHolding}: one step re-wraps
 * whichever of the four is under an older KEK key and replaces the file atomically (idempotent: a value already under
 * the primary is left as it is). A running node keeps the values it read at start; they open under either key.
 */
final class NodeSecretsHolding implements KekHolding {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACCOUNTS = List.of("relayer", "admin");
    private static final List<List<String>> SECRETS = List.of(List.of("claimSecret", "node-claim-secret"),
            List.of("shiftSecret", "node-date-shift-secret"));
    private final Path file;

    NodeSecretsHolding(Path dataDir) {
        this.file = dataDir.resolve("keys").resolve("node-keys.json");
    }

    @Override
    public String name() {
        return "node-keys-file";
    }

    @Override
    public synchronized Step step(KekRewrap rewrap, int limit) {
        if (!Files.exists(file)) {
            return new Step(0, 0, 0, true);
        }
        ObjectNode n = read();
        int examined = 0;
        int rewrapped = 0;
        int failed = 0;
        for (String role : ACCOUNTS) {
            byte[] sealed = bytes(n.path(role).path("sealed").asText());
            if (sealed.length > 0 && !rewrap.current(sealed, rewrap.accountKeyOffset())) {
                examined++;
                if (rewrap.rewrapAccountKey(sealed) instanceof Result.Ok<byte[]> ok) {
                    ((ObjectNode) n.get(role)).put("sealed", Base64.getEncoder().encodeToString(ok.value()));
                    rewrapped++;
                } else {
                    failed++;
                }
            }
        }
        for (List<String> s : SECRETS) {
            byte[] sealed = bytes(n.path(s.get(0)).asText());
            if (sealed.length > 0 && !rewrap.current(sealed, 0)) {
                examined++;
                if (rewrap.rewrapSecret(sealed, s.get(1)) instanceof Result.Ok<byte[]> ok) {
                    n.put(s.get(0), Base64.getEncoder().encodeToString(ok.value()));
                    rewrapped++;
                } else {
                    failed++;
                }
            }
        }
        if (rewrapped > 0) {
            try {
                AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite " + file, e);
            }
        }
        return new Step(examined, rewrapped, failed, true);
    }

    @Override
    public void restart(KekRewrap rewrap) {
        // nothing to forget: every step looks at the whole file
    }

    @Override
    public synchronized long remaining(KekRewrap rewrap) {
        if (!Files.exists(file)) {
            return 0;
        }
        ObjectNode n = read();
        long left = ACCOUNTS.stream().map(r -> bytes(n.path(r).path("sealed").asText()))
                .filter(b -> b.length > 0 && !rewrap.current(b, rewrap.accountKeyOffset())).count();
        return left + SECRETS.stream().map(s -> bytes(n.path(s.get(0)).asText()))
                .filter(b -> b.length > 0 && !rewrap.current(b, 0)).count();
    }

    private ObjectNode read() {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] bytes(String b64) {
        return Base64.getDecoder().decode(b64);
    }
}
