package io.salus.testkit.chain;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The anvil binary that salus-contracts's {@code npm ci} installs: the {@code salus.anvil} system property, else under
 * {@code salus.home}, else relative to a module directory of the build.
 */
public final class Anvil {
    private static final String IN_CONTRACTS = "salus-contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

    private Anvil() {
    }

    public static Path binary() {
        String prop = System.getProperty("salus.anvil");
        String home = System.getProperty("salus.home");
        Path p = prop != null
                ? Path.of(prop)
                : home != null ? Path.of(home).resolve(IN_CONTRACTS) : Path.of("..").resolve(IN_CONTRACTS);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("anvil not found at " + p.toAbsolutePath()
                    + ": build salus-contracts first (its build runs npm ci)");
        }
        return p.toAbsolutePath().normalize();
    }
}
