package io.salus.node.config;

import io.salus.platform.AtomicFiles;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Where the secret protecting the node's key-encryption key comes from: {@code SALUS_MASTER_SECRET}, else a prompt on
 * the terminal. Only {@code ./salus demo} may fall back to a generated secret kept in the data directory, clearly named
 * as demo-only, so a demo runs unattended; a real node refuses to start without a secret.
 */
public final class MasterSecret {
    public static final String ENV = "SALUS_MASTER_SECRET";
    /** The new secret of {@code ./salus keys rotate-secret}. */
    public static final String NEW_ENV = "SALUS_NEW_MASTER_SECRET";
    static final String DEMO_FILE = "DEMO-ONLY-master-secret";
    private static final int MIN_LENGTH = 12;

    private MasterSecret() {
    }

    public record Obtained(char[] secret, String source) {
    }

    public static Optional<Obtained> obtain(Map<String, String> env, Path keysDir, boolean firstStart,
            boolean demo) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(new Obtained(checked(fromEnv.toCharArray()), "environment (" + ENV + ")"));
        }
        Path demoFile = keysDir.resolve(DEMO_FILE);
        if (demo && Files.isRegularFile(demoFile)) {
            return Optional.of(new Obtained(read(demoFile), "demo-only secret file " + demoFile));
        }
        Console console = System.console();
        if (console != null && !demo) {
            char[] s = console.readPassword("Master secret for the node's keys: ");
            if (s != null && firstStart) {
                char[] again = console.readPassword("Repeat it: ");
                if (again == null || !Arrays.equals(s, again)) {
                    throw new IllegalArgumentException("the two secrets differ");
                }
            }
            return Optional.ofNullable(s).map(x -> new Obtained(checked(x), "terminal prompt"));
        }
        if (demo && firstStart) {
            return Optional.of(new Obtained(createDemoSecret(demoFile), "demo-only secret file " + demoFile));
        }
        return Optional.empty();
    }

    /**
     * A secret for the key commands: the environment variable {@code env} of this process, else a prompt on the
     * terminal. {@link IllegalArgumentException} when there is neither.
     */
    public static char[] forKeyCommand(String env, String prompt) {
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

    private static char[] checked(char[] s) {
        if (s.length < MIN_LENGTH) {
            throw new IllegalArgumentException("the master secret must have at least " + MIN_LENGTH + " characters");
        }
        return s;
    }

    private static char[] read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static char[] createDemoSecret(Path file) {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        try {
            AtomicFiles.create(file, (s + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return s.toCharArray();
    }
}
