package io.salus.node.wiring;

import io.salus.zk.NodeProver;
import io.salus.zk.PatientSecret;
import io.salus.zk.ZkArtifacts;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The command line's composition root for a patient proving on their own machine: the randomness of a new proving
 * secret and the snarkjs prover over the build's circuit artefacts. Nothing here talks to the node.
 */
public final class PatientProving {
    private PatientProving() {
    }

    public static PatientSecret newSecret() {
        return PatientSecret.generate(new SecureRandom());
    }

    /** Starts the prover over the artefacts of the built salus-zk module at {@code zkHome}. */
    public static NodeProver startProver(Path zkHome) {
        return NodeProver.start(ZkArtifacts.inModule(zkHome));
    }
}
