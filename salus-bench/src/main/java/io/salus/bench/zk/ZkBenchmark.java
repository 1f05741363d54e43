package io.salus.bench.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.chain.EvmLedger;
import io.salus.chain.zk.EvmAttributeGateLedger;
import io.salus.chain.zk.ZkDeployment;
import io.salus.chain.zk.internal.ZkCalls;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hashing;
import io.salus.core.zk.Admission;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.PublicSignals;
import io.salus.core.zk.ScopePolicy;
import io.salus.zk.AttributeCodes;
import io.salus.zk.AttributeKind;
import io.salus.zk.AttributeProver;
import io.salus.zk.Claim;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.NodeProver;
import io.salus.zk.PatientSecret;
import io.salus.zk.Predicate;
import io.salus.zk.SignedAttribute;
import io.salus.zk.ZkArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zero-knowledge attribute proofs: the patient's proof time (snarkjs Groth16 in the long-lived prover process) against
 * a fresh Node.js process per proof (what a one-shot CLI pays), and the on-chain cost of an admission through
 * AttributeGate against the generated verifier called alone, on the node's chain with this build's test-only setup.
 * Each proof is for a new patient (a new nullifier) of one scope (HbA1c >= 6.5 %). Not thread-safe.
 */
public final class ZkBenchmark implements Benchmark {
    private static final AttributeKind HBA1C = AttributeKind.observation("http://loinc.org", "4548-4");
    private static final Duration MAX_AGE = Duration.ofDays(365);
    private final SecureRandom random = new SecureRandom();
    private ZkArtifacts artifacts;
    private EvmAttributeGateLedger gate;
    private NodeProver node;
    private AttributeProver prover;
    private PrivateKey provider;
    private BigInteger scope;
    private int constraints;

    @Override
    public String name() {
        return "zk";
    }

    @Override
    public void setup(BenchContext ctx) {
        artifacts = ZkArtifacts.inModule(Path.of(System.getProperty("salus.home", "."), "salus-zk"))
                .requirePresent();
        constraints = circuitInfo(artifacts).path("constraints").asInt();
        EvmLedger ledger = ctx.node().ledger();
        gate = new EvmAttributeGateLedger(ledger, ZkDeployment.deploy(ledger.access().sender()));
        provider = PrivateKey.generate(random);
        gate.registerProviderKey(randomAddress(), provider.publicKey().x(), provider.publicKey().y()).orElseThrow();
        scope = gate.openScope(Hashing.keccak256(("bench " + random.nextLong()).getBytes(StandardCharsets.UTF_8)),
                new ScopePolicy(HBA1C.element(), BigInteger.valueOf(65), AttributeCodes.MAX_VALUE, MAX_AGE, 0))
                .orElseThrow();
        node = NodeProver.start(artifacts);
        prover = new AttributeProver(node);
        proveFor(PatientSecret.generate(random), System.currentTimeMillis() / 1000); // warm-up
    }

    @Override
    public Outcome run(BenchContext ctx) {
        int proofs = ctx.quick() ? 2 : 5 * ctx.repeats();
        int cold = ctx.quick() ? 1 : ctx.repeats();
        double[] warmSeconds = new double[proofs];
        double[] coldSeconds = new double[cold];
        double[] admissionGas = new double[proofs];
        double[] verifierGas = new double[proofs];
        double[] verifierExecution = new double[proofs];
        int admitted = 0;
        boolean tamperedRefused = true;
        boolean coldProved = true;
        long now = System.currentTimeMillis() / 1000;
        double[] cpuSeconds = new double[proofs];
        try (Progress.Step step = ctx.progress().start("zk", proofs + cold)) {
            for (int i = 0; i < proofs; i++) {
                Duration cpu0 = node.cpuTime().orElse(Duration.ZERO);
                long t0 = System.nanoTime();
                AttributeProof proof = proveFor(PatientSecret.generate(random), now);
                warmSeconds[i] = (System.nanoTime() - t0) / 1e9;
                cpuSeconds[i] = node.cpuTime().orElse(Duration.ZERO).minus(cpu0).toNanos() / 1e9;
                verifierGas[i] = gate.verifierTransactionGas(proof);
                verifierExecution[i] = verifierGas[i] - intrinsicGas(ZkCalls.verifyProof(proof));
                tamperedRefused &= !gate.check(tampered(proof)).isOk();
                Result<Admission> a = gate.admit(proof);
                if (a.isOk()) {
                    admitted++;
                    admissionGas[i] = a.orElseThrow().gasUsed();
                }
                step.stepBy(1);
            }
            for (int i = 0; i < cold; i++) {
                long t0 = System.nanoTime();
                PatientSecret patient = PatientSecret.generate(random);
                try (NodeProver fresh = NodeProver.start(artifacts)) {
                    coldProved &= new AttributeProver(fresh).prove(attribute(patient, now), patient, claim(now))
                            .isOk();
                }
                coldSeconds[i] = (System.nanoTime() - t0) / 1e9;
                step.stepBy(1);
            }
        }
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("circuit constraints (attribute.circom, circom --O2)", Integer.toString(constraints));
        figures.put("proof time, long-lived prover (goal <= 1.5 s)", Spread.of(warmSeconds).text() + " s");
        figures.put("prover CPU time per proof (the Node.js process, all threads; load-independent)",
                Spread.of(cpuSeconds).text() + " s");
        figures.put("generated verifier alone, transaction gas", Spread.of(verifierGas).text());
        figures.put("generated verifier alone, execution gas (transaction gas minus 21,000 and the call data; goal "
                + "<= 260,000)", Spread.of(verifierExecution).text());
        figures.put("admission through AttributeGate, transaction gas", Spread.of(admissionGas).text());
        return new Outcome(name(), List.of(
                new Comparison("attribute proof time, long-lived prover process (witness + Groth16)", "s",
                        Spread.of(warmSeconds), "a fresh Node.js process per proof (loads snarkjs, wasm and zkey)",
                        Spread.of(coldSeconds), "long-lived / fresh process", "<= 1.5 s (issue 20)"),
                new Comparison("admission gas through AttributeGate (checks, verifier, nullifier and admission stored)",
                        "gas", Spread.of(admissionGas), "the generated Groth16 verifier called alone",
                        Spread.of(verifierGas), "gate / verifier alone", "verifier <= 260,000 (issue 20)")),
                figures,
                List.of(new Check("every proof (" + proofs + ") was admitted, once per patient", admitted == proofs),
                        new Check("a proof with a tampered public signal was refused every time", tamperedRefused),
                        new Check("every fresh-process proof was produced", coldProved)),
                List.of());
    }

    private AttributeProof proveFor(PatientSecret patient, long now) {
        return prover.prove(attribute(patient, now), patient, claim(now)).orElseThrow();
    }

    private SignedAttribute attribute(PatientSecret patient, long now) {
        return SignedAttribute.issue(provider, patient.identity(), HBA1C, BigInteger.valueOf(72), now - 3_600);
    }

    private Claim claim(long now) {
        return new Claim(HBA1C, Predicate.atLeast(BigInteger.valueOf(65)),
                Claim.notBeforeFor(now, MAX_AGE.toSeconds()), scope, randomAddress());
    }

    /** The base cost of a transaction with this call data: 21,000 plus 4 per zero byte and 16 per other byte. */
    public static long intrinsicGas(String hexData) {
        long gas = 21_000;
        for (byte b : HexFormat.of().parseHex(hexData.substring(2))) {
            gas += b == 0 ? 4 : 16;
        }
        return gas;
    }

    private static AttributeProof tampered(AttributeProof p) {
        PublicSignals s = p.signals();
        return p.withSignals(new PublicSignals(s.nullifier(), s.providerAx(), s.providerAy(), s.kind(),
                s.lo().add(BigInteger.ONE), s.hi(), s.notBefore(), s.scope(), s.recipient()));
    }

    private EvmAddress randomAddress() {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return new EvmAddress("0x" + HexFormat.of().formatHex(b));
    }

    private static JsonNode circuitInfo(ZkArtifacts a) {
        try {
            return new ObjectMapper().readTree(a.wasm().resolveSibling("circuit.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }
}
