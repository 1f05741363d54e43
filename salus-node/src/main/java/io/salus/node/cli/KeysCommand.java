package io.salus.node.cli;

import io.salus.core.error.Result;
import io.salus.crypto.KekStatus;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.config.MasterSecret;
import io.salus.node.config.NodeSettings;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the node's key-encryption key (KEK).", subcommands = {
        KeysCommand.RotateSecret.class, KeysCommand.RotateKek.class})
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static char[] secret(String env, String prompt) {
        String v = System.getenv(env);
        if (v != null && !v.isEmpty()) {
            return v.toCharArray();
        }
        Console c = System.console();
        char[] s = c == null ? null : c.readPassword(prompt);
        if (s == null || s.length == 0) {
            throw new IllegalArgumentException("no secret: set " + env + " or run interactively");
        }
        return s;
    }

    static Path kek(NodeSettings s) {
        Path kek = s.dataDir().resolve("keys").resolve("kek.json");
        if (!Files.exists(kek)) {
            throw new IllegalArgumentException("no key file at " + kek + " (has a node run on this data directory?)");
        }
        return kek;
    }

    static int report(Result<KekStatus> r, String what) {
        if (!r.isOk()) {
            System.err.println(r.failure().code().code() + ": " + r.failure().detail());
            return 1;
        }
        System.out.println(what + ": primary key " + r.orElseThrow().primaryKeyId() + ", keys "
                + r.orElseThrow().keyIds());
        return 0;
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true, description = {
            "Re-encrypt the KEK file under a new master secret.",
            "Old secret: " + MasterSecret.ENV + " or a prompt; new: SALUS_NEW_MASTER_SECRET or a prompt."})
    static final class RotateSecret implements Callable<Integer> {
        @Mixin
        NodeOptions options = new NodeOptions();

        @Override
        public Integer call() {
            Path kek = kek(options.resolve());
            char[] old = secret(MasterSecret.ENV, "Current master secret: ");
            char[] fresh = secret("SALUS_NEW_MASTER_SECRET", "New master secret: ");
            try {
                return report(TinkKeyManager.rotateSecret(kek, old, fresh, new SecureRandom()), "Secret rotated");
            } finally {
                Arrays.fill(old, '\0');
                Arrays.fill(fresh, '\0');
            }
        }
    }

    @Command(name = "rotate-kek", mixinStandardHelpOptions = true, description = {
            "Add a new primary KEK key; older keys stay for decryption. Run with the node stopped."})
    static final class RotateKek implements Callable<Integer> {
        @Mixin
        NodeOptions options = new NodeOptions();

        @Override
        public Integer call() {
            NodeSettings s = options.resolve();
            var guard = io.salus.node.wiring.DataDirGuard.exclusive(s.dataDir());
            try {
                char[] secret = secret(MasterSecret.ENV, "Master secret: ");
                try {
                    return report(TinkKeyManager.rotateKek(kek(s), secret, new SecureRandom()), "KEK rotated");
                } finally {
                    Arrays.fill(secret, '\0');
                }
            } finally {
                guard.close();
            }
        }
    }
}
