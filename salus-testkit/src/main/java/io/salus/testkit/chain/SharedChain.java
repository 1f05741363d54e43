package io.salus.testkit.chain;

import io.salus.chain.LocalChain;
import io.salus.chain.LocalChainConfig;
import io.salus.chain.internal.Rpc;
import io.salus.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;

/** The test JVM's chain: a local anvil on a temporary directory and the contracts deployed once. Thread-safe. */
final class SharedChain implements AutoCloseable {
    private final Path dir;
    private final LocalChain chain;
    private final Rpc rpc;
    private final Deployment deployment;

    private SharedChain(Path dir, LocalChain chain, Rpc rpc, Deployment deployment) {
        this.dir = dir;
        this.chain = chain;
        this.rpc = rpc;
        this.deployment = deployment;
    }

    static SharedChain start() {
        Path dir = TempDirs.create("salus-testkit-chain-");
        LocalChain chain = LocalChain.start(LocalChainConfig.of(dir.resolve("chain"), Anvil.binary()));
        try {
            return new SharedChain(dir, chain, Rpc.connect(chain.rpcUrl(), Duration.ofSeconds(30)),
                    Deployment.deploy(chain, dir));
        } catch (RuntimeException e) {
            chain.close();
            TempDirs.delete(dir);
            throw e;
        }
    }

    LocalChain chain() {
        return chain;
    }

    Rpc rpc() {
        return rpc;
    }

    Deployment deployment() {
        return deployment;
    }

    Deployment freshDeployment() {
        return Deployment.deploy(chain, dir);
    }

    @Override
    public void close() {
        try {
            deployment.close();
            rpc.close();
            chain.close();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
