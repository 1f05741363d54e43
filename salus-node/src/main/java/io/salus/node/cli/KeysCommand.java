package io.salus.node.cli;

import io.salus.core.error.Result;
import io.salus.core.keys.KekRetirement;
import io.salus.crypto.KekStatus;
import io.salus.node.config.MasterSecret;
import io.salus.node.config.NodeSettings;
import io.salus.node.wiring.Keys;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the node's key-encryption key (KEK).", subcommands = {
        KeysCommand.RotateSecret.class, KeysCommand.RotateKek.class, KeysCommand.RetireOld.class})
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Runs a key command with the master secret (from the environment or a prompt), wiped afterwards. */
    static int withSecret(NodeOptions options, BiFunction<NodeSettings, char[], Integer> command) {
        NodeSettings settings = options.resolve();
        Keys.requireKekFile(settings);
        char[] secret = MasterSecret.forKeyCommand(MasterSecret.ENV, "Master secret: ");
        try {
            return command.apply(settings, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
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
            "Old secret: " + MasterSecret.ENV + " or a prompt; new: " + MasterSecret.NEW_ENV + " or a prompt."})
    static final class RotateSecret implements Callable<Integer> {
        @Mixin
        NodeOptions options = new NodeOptions();

        @Override
        public Integer call() {
            var settings = options.resolve();
            Keys.requireKekFile(settings);
            char[] old = MasterSecret.forKeyCommand(MasterSecret.ENV, "Current master secret: ");
            char[] fresh = MasterSecret.forKeyCommand(MasterSecret.NEW_ENV, "New master secret: ");
            try {
                return report(Keys.rotateSecret(settings, old, fresh), "Secret rotated");
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
            return withSecret(options, (settings, secret) -> report(Keys.rotateKek(settings, secret), "KEK rotated"));
        }
    }

    @Command(name = "retire-old", mixinStandardHelpOptions = true, description = {
            "Re-wrap everything still sealed under older KEK keys to the primary, then delete the older keys from the "
                    + "KEK file once a count shows nothing needs them. Resumable; run with the node stopped."})
    static final class RetireOld implements Callable<Integer> {
        @Mixin
        NodeOptions options = new NodeOptions();

        @Override
        public Integer call() {
            return withSecret(options, (settings, secret) -> {
                Result<KekRetirement.Retired> r = Keys.retireOld(settings, secret, 500, () -> false, System.out);
                if (!r.isOk()) {
                    System.err.println(r.failure().code().code() + ": " + r.failure().detail());
                    return 1;
                }
                System.out.println("Old KEK keys retired: re-wrapped " + r.orElseThrow().pass().rewrapped()
                        + " values; the KEK now holds keys " + r.orElseThrow().keyIds());
                return 0;
            });
        }
    }
}
