package io.salus.node.wiring;

import io.salus.core.error.Result;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.config.MasterSecret;
import io.salus.node.config.NodeSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

/** Opens (or on first start creates) the node's key-encryption key. Fails closed with a readable reason. */
final class Keys {
    private Keys() {
    }

    static Path kekFile(NodeSettings s) {
        return s.dataDir().resolve("keys").resolve("kek.json");
    }

    static TinkKeyManager open(NodeSettings s, Map<String, String> env, boolean demo, SecureRandom random,
            PrintStream out) {
        Path kek = kekFile(s);
        boolean first = !Files.exists(kek);
        MasterSecret.Obtained secret = MasterSecret.obtain(env, kek.getParent(), first, demo)
                .orElseThrow(() -> new IllegalStateException("the node's keys are locked: set "
                        + MasterSecret.ENV + " (or run interactively to be prompted)"));
        try {
            Result<TinkKeyManager> km = TinkKeyManager.openOrCreate(kek, secret.secret(), random);
            if (!km.isOk()) {
                throw new IllegalStateException(
                        km.failure().code().code() + ": " + km.failure().detail() + " (" + kek + ")");
            }
            out.println("Keys: " + (first ? "created" : "opened") + " " + kek + ", secret from " + secret.source());
            return km.orElseThrow();
        } finally {
            Arrays.fill(secret.secret(), '\0');
        }
    }
}
