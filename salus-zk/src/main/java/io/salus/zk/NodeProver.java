package io.salus.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.UnavailableException;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.Groth16Proof;
import io.salus.core.zk.PublicSignals;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * snarkjs Groth16 in a long-lived Node.js process ({@code prover.mjs}): the witness is computed from the circuit's
 * wasm and the proof made with the proving key, both loaded once. This runs on the patient's side; the inputs
 * (secret, value, signature) never leave this process pair. One request at a time (synchronized); thread-safe.
 */
public final class NodeProver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private long nextId = 1;

    private NodeProver(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the prover and waits until it has loaded the circuit. */
    public static NodeProver start(ZkArtifacts artifacts) {
        artifacts.requirePresent();
        ProcessBuilder pb = new ProcessBuilder(artifacts.node(), artifacts.proverScript().toString(),
                artifacts.wasm().toString(), artifacts.zkey().toString(), artifacts.vkey().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            NodeProver prover = new NodeProver(pb.start());
            JsonNode ready = prover.readReply();
            if (!ready.path("ready").asBoolean()) {
                prover.close();
                throw new UnavailableException(ErrorCode.ZK_PROVER_UNAVAILABLE, "the prover did not start: " + ready,
                        null);
            }
            return prover;
        } catch (IOException e) {
            throw new UnavailableException(ErrorCode.ZK_PROVER_UNAVAILABLE, "cannot start " + artifacts.node()
                    + " " + artifacts.proverScript(), e);
        }
    }

    /**
     * Computes the witness for these circuit inputs and proves. Inputs the circuit's constraints reject (a forged
     * signature, a value outside the range, a stale attribute) yield {@code ZK_WITNESS_REJECTED}: no proof exists.
     */
    public synchronized Result<AttributeProof> prove(Map<String, String> circuitInputs) {
        ObjectNode req = JSON.createObjectNode().put("op", "prove");
        ObjectNode input = req.putObject("input");
        circuitInputs.forEach(input::put);
        JsonNode reply = call(req);
        if (reply.has("error")) {
            return Result.fail(ErrorCode.ZK_WITNESS_REJECTED, reply.path("error").asText());
        }
        JsonNode p = reply.path("proof");
        Groth16Proof proof = new Groth16Proof(List.of(num(p.path("pi_a").get(0)), num(p.path("pi_a").get(1))),
                List.of(List.of(num(p.path("pi_b").get(0).get(1)), num(p.path("pi_b").get(0).get(0))),
                        List.of(num(p.path("pi_b").get(1).get(1)), num(p.path("pi_b").get(1).get(0)))),
                List.of(num(p.path("pi_c").get(0)), num(p.path("pi_c").get(1))));
        List<BigInteger> signals = new ArrayList<>();
        reply.path("publicSignals").forEach(s -> signals.add(num(s)));
        return Result.ok(new AttributeProof(proof, PublicSignals.of(signals)));
    }

    /** Verifies off chain with snarkjs and the build's verification key (the chain's verifier uses the same key). */
    public synchronized boolean verify(AttributeProof proof) {
        ObjectNode req = JSON.createObjectNode().put("op", "verify");
        Groth16Proof g = proof.proof();
        ObjectNode p = req.putObject("proof");
        p.put("protocol", "groth16").put("curve", "bn128");
        p.set("pi_a", array(g.a().get(0), g.a().get(1), BigInteger.ONE));
        ArrayNode b = p.putArray("pi_b");
        b.add(array(g.b().get(0).get(1), g.b().get(0).get(0)));
        b.add(array(g.b().get(1).get(1), g.b().get(1).get(0)));
        b.add(array(BigInteger.ONE, BigInteger.ZERO));
        p.set("pi_c", array(g.c().get(0), g.c().get(1), BigInteger.ONE));
        req.set("publicSignals", array(proof.signals().asList().toArray(BigInteger[]::new)));
        JsonNode reply = call(req);
        if (reply.has("error")) {
            return false;
        }
        return reply.path("valid").asBoolean(false);
    }

    private JsonNode call(ObjectNode request) {
        long id = nextId++;
        request.put("id", id);
        try {
            in.write(JSON.writeValueAsString(request));
            in.write('\n');
            in.flush();
            JsonNode reply = readReply();
            if (reply.path("id").asLong(-1) != id) {
                throw new UnavailableException(ErrorCode.ZK_PROVER_UNAVAILABLE, "the prover answered out of turn",
                        null);
            }
            return reply;
        } catch (IOException e) {
            throw new UnavailableException(ErrorCode.ZK_PROVER_UNAVAILABLE, "the prover process failed", e);
        }
    }

    private JsonNode readReply() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new UnavailableException(ErrorCode.ZK_PROVER_UNAVAILABLE, "the prover process exited (exit "
                    + (process.isAlive() ? "-" : Integer.toString(process.exitValue())) + ")", null);
        }
        return JSON.readTree(line);
    }

    private static ArrayNode array(BigInteger... values) {
        ArrayNode a = JSON.createArrayNode();
        for (BigInteger v : values) {
            a.add(v.toString());
        }
        return a;
    }

    private static BigInteger num(JsonNode n) {
        return new BigInteger(n.asText());
    }

    /**
     * The CPU time the prover process has used so far, all its threads (snarkjs proves on worker threads): a figure
     * that, unlike wall time, does not grow when other processes compete for the cores. Empty where the platform
     * does not report it.
     */
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    /** Ends the prover process. */
    @Override
    public synchronized void close() {
        try {
            in.close();
        } catch (IOException e) {
            // the process is gone already
        }
        process.destroy();
    }
}
