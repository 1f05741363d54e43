package io.salus.node.wiring;

import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a further instance of a node needs from the first one's data directory (decision 0031): the KEK file and the
 * node keys sealed under it (relayer, deal admin), the SMART token-signing secret, the federation signing key, the
 * addresses of the contracts the first instance deployed (GuardianRecovery, the ZK gate, TrialEscrow, ClaimsPayout) and the
 * operator's token. Everything else an instance keeps in its data directory is its own or lives in PostgreSQL. Each
 * file is written owner-only and atomically; an instance that already has a KEK is refused (never overwritten).
 */
public final class InstanceFiles {
    /** The files, relative to a data directory; those the first instance does not have are skipped. */
    public static final List<String> SHARED = List.of("keys/kek.json", "keys/node-keys.json", "keys/smart-token.key",
            "keys/federation-key.json", "guardian-recovery.json", "zk-contracts.json", "trial-escrow.json",
            "study-payouts.json", "claims-contracts.json", "chain/federated-deals.json", "operator.token");

    private InstanceFiles() {
    }

    /** Copies the shared files of {@code first} into {@code next}; the relative paths copied. */
    public static List<String> copy(Path first, Path next) {
        if (!Files.isRegularFile(first.resolve("keys/kek.json"))) {
            throw new IllegalArgumentException(first + " holds no KEK (keys/kek.json): start the first instance once");
        }
        if (Files.exists(next.resolve("keys/kek.json"))) {
            throw new IllegalArgumentException(next + " already has a KEK: an instance is prepared once, never "
                    + "overwritten");
        }
        List<String> copied = new ArrayList<>();
        try {
            for (String f : SHARED) {
                Path from = first.resolve(f);
                if (Files.isRegularFile(from)) {
                    AtomicFiles.write(next.resolve(f), Files.readAllBytes(from));
                    copied.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the instance directory " + next + ": " + e.getMessage(), e);
        }
        return copied;
    }
}
