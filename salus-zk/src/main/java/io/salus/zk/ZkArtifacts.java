package io.salus.zk;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the prover's pieces are: the Node.js executable, the prover script (whose {@code snarkjs} import resolves from
 * salus-zk's {@code node_modules}) and the build's circuit artefacts (witness wasm, proving key, verification key).
 */
public record ZkArtifacts(String node, Path proverScript, Path wasm, Path zkey, Path vkey) {
    public ZkArtifacts {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(proverScript, "proverScript");
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(zkey, "zkey");
        Objects.requireNonNull(vkey, "vkey");
    }

    /** The layout of the salus-zk module directory after its build ({@code <home>/salus-zk} in a checkout). */
    public static ZkArtifacts inModule(Path moduleDir) {
        Path zk = moduleDir.resolve("target").resolve("zk");
        return new ZkArtifacts("node", moduleDir.resolve("src/main/js/prover.mjs"), zk.resolve("attribute.wasm"),
                zk.resolve("attribute.zkey"), zk.resolve("attribute.vkey.json"));
    }

    /** Fails with {@code ZK_PROVER_UNAVAILABLE} unless every file is there. */
    public ZkArtifacts requirePresent() {
        for (Path p : List.of(proverScript, wasm, zkey, vkey)) {
            if (!Files.isRegularFile(p)) {
                throw new UnavailableException(ErrorCode.ZK_PROVER_UNAVAILABLE, p.toAbsolutePath()
                        + " is missing: build salus-zk first (its build compiles the circuit and runs the setup)",
                        null);
            }
        }
        return this;
    }
}
