package io.salus.node.wiring;

import io.salus.core.error.Result;
import io.salus.core.keys.KekRetirement;
import io.salus.crypto.KekStatus;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.config.MasterSecret;
import io.salus.node.config.NodeSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The node's key-encryption key in {@code <data dir>/keys/kek.json}: opened (or on first start created) when the node
 * starts, failing closed with a readable reason; its secret rotated, a new primary key added and older keys retired by
 * the key commands.
 */
public final class Keys {
    private Keys() {
    }

    static Path kekFile(NodeSettings s) {
        return s.dataDir().resolve("keys").resolve("kek.json");
    }

    static TinkKeyManager open(NodeSettings s, Map<String, String> env, boolean demo, SecureRandom random,
            PrintStream out) {
        TinkKekStore store = new TinkKekStore(kekFile(s), random);
        boolean first = !store.exists();
        MasterSecret.Obtained secret = MasterSecret.obtain(env, store.file().getParent(), first, demo)
                .orElseThrow(() -> new IllegalStateException("the node's keys are locked: set "
                        + MasterSecret.ENV + " (or run interactively to be prompted)"));
        try {
            Result<TinkKeyManager> km = store.openOrCreate(secret.secret());
            if (!km.isOk()) {
                throw new IllegalStateException(
                        km.failure().code().code() + ": " + km.failure().detail() + " (" + store.file() + ")");
            }
            out.println("Keys: " + (first ? "created" : "opened") + " " + store.file() + ", secret from "
                    + secret.source());
            return km.orElseThrow();
        } finally {
            Arrays.fill(secret.secret(), '\0');
        }
    }

    /** Re-encrypts the KEK file under a new secret; the keys themselves stay. */
    public static Result<KekStatus> rotateSecret(NodeSettings s, char[] oldSecret, char[] newSecret) {
        return existing(s).rotateSecret(oldSecret, newSecret);
    }

    /** Adds a new primary KEK key (older keys stay for decryption); holds the data directory, so no node runs. */
    public static Result<KekStatus> rotateKek(NodeSettings s, char[] secret) {
        DataDirGuard guard = DataDirGuard.exclusive(s.dataDir());
        try {
            return existing(s).rotateKek(secret);
        } finally {
            guard.close();
        }
    }

    /**
     * Retires the KEK's older keys, with the node stopped (holds the data directory): opens the KEK with
     * {@code secret} (a wrong one changes nothing), starts the store, re-wraps what is still sealed under older keys
     * (continuing where an earlier pass or the node's background re-wrap stopped), counts what still needs them and,
     * only when that count is zero, deletes them from the KEK file. Progress goes to {@code out}; {@code stop} is
     * checked between steps.
     */
    public static Result<KekRetirement.Retired> retireOld(NodeSettings s, char[] secret, int batch,
            BooleanSupplier stop, PrintStream out) {
        TinkKekStore store = existing(s);
        DataDirGuard guard = DataDirGuard.exclusive(s.dataDir());
        try {
            Result<TinkKeyManager> opened = store.open(secret);
            if (!(opened instanceof Result.Ok<TinkKeyManager> ok)) {
                return opened.propagate();
            }
            TinkKeyManager keys = ok.value();
            out.println("Keys: primary KEK key " + keys.primaryKeyId() + ", keys " + keys.kekStatus().keyIds());
            try (Storage storage = Storage.start(s, Clock.systemUTC(), out, keys)) {
                KekRetirement retirement = KekWiring.retirement(storage, s.dataDir(), keys, Clock.systemUTC(), batch);
                return retirement.retire(stop, KekWiring.progress(out, "Keys: re-wrap"),
                        primary -> store.retireOldKeys(secret, primary).map(KekStatus::keyIds));
            }
        } finally {
            guard.close();
        }
    }

    /** {@link IllegalArgumentException} unless the data directory has a KEK file (checked before asking secrets). */
    public static void requireKekFile(NodeSettings s) {
        existing(s);
    }

    private static TinkKekStore existing(NodeSettings s) {
        TinkKekStore store = new TinkKekStore(kekFile(s), new SecureRandom());
        if (!store.exists()) {
            throw new IllegalArgumentException(
                    "no key file at " + store.file() + " (has a node run on this data directory?)");
        }
        return store;
    }
}
