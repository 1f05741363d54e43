package io.salus.chain.zk;

import io.salus.chain.TestChains;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.zk.AttributeProof;
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
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A local anvil with every contract deployed, the zk contracts (verifier from this build's test-only setup, registry,
 * gate), the {@link EvmAttributeGateLedger} on them and a real prover; plus a registered provider and helpers to make
 * patients, scopes and proofs.
 */
public record ZkFixture(TestChains.Node node, EvmAttributeGateLedger gate, NodeProver nodeProver,
        AttributeProver prover,
        PrivateKey provider, EvmAddress providerAccount) implements AutoCloseable {
    static final SecureRandom RANDOM = new SecureRandom();
    static final AttributeKind HBA1C = AttributeKind.observation("http://loinc.org", "4548-4");
    static final Duration YEAR = Duration.ofDays(365);

    public static ZkFixture start(Path dir) {
        TestChains.Node node = TestChains.Node.start(TestChains.config(dir.resolve("chain")));
        ZkAddresses addresses = ZkDeployment.ensureDeployed(node.ledger(), dir.resolve("chain").resolve("zk.json"));
        EvmAttributeGateLedger gate = new EvmAttributeGateLedger(node.ledger(), addresses);
        NodeProver nodeProver = NodeProver.start(ZkArtifacts.inModule(
                Path.of(System.getProperty("salus.zk.home", "../salus-zk"))));
        PrivateKey provider = PrivateKey.generate(RANDOM);
        EvmAddress providerAccount = account().address();
        gate.registerProviderKey(providerAccount, provider.publicKey().x(), provider.publicKey().y()).orElseThrow();
        return new ZkFixture(node, gate, nodeProver, new AttributeProver(nodeProver), provider, providerAccount);
    }

    /** A patient: a proving secret and an EVM account (funded on the chain when it must send itself). */
    public record Patient(PatientSecret secret, Credentials credentials) {
        public EvmAddress address() {
            return new EvmAddress(credentials.getAddress());
        }
    }

    public static Patient account() {
        try {
            return new Patient(PatientSecret.generate(RANDOM), Credentials.create(Keys.createEcKeyPair(RANDOM)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Patient fundedPatient() {
        Patient p = account();
        node.chain().fund(p.address());
        return p;
    }

    /** A scope for HbA1c >= 6.5 % (65 in 0.1 %), commitments at most a year old. */
    public BigInteger hba1cScope(String label) {
        return scope(label,
                new ScopePolicy(HBA1C.element(), BigInteger.valueOf(65), AttributeCodes.MAX_VALUE,
                        YEAR, 0));
    }

    BigInteger scope(String label, ScopePolicy policy) {
        Hash32 l = Hashing.keccak256((label + RANDOM.nextLong()).getBytes(StandardCharsets.UTF_8));
        return gate.openScope(l, policy).orElseThrow();
    }

    /** The latest block's time: what the gate's freshness is judged against. */
    public long chainNow() {
        Rpc rpc = node.ledger().access().rpc();
        return rpc.call("eth_getBlockByNumber", () -> rpc.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp())
                .longValueExact();
    }

    /** Moves the chain's clock forward and mines a block. */
    public void advance(Duration d) {
        Rpc rpc = node.ledger().access().rpc();
        try {
            rpc.raw("evm_increaseTime", List.of(d.toSeconds()));
            rpc.raw("evm_mine", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SignedAttribute hba1c(Patient p, long value, long issuedAt) {
        return SignedAttribute.issue(provider, p.secret().identity(), HBA1C, BigInteger.valueOf(value), issuedAt);
    }

    /** HbA1c >= threshold, with the freshness bound the CLI would pick for a one-year policy. */
    Claim atLeast(long threshold, BigInteger scope, EvmAddress recipient) {
        return new Claim(HBA1C, Predicate.atLeast(BigInteger.valueOf(threshold)),
                Claim.notBeforeFor(chainNow(), YEAR.toSeconds()), scope, recipient);
    }

    /** A proof that patient p has HbA1c 7.2 % (signed an hour ago) >= 6.5 %, in the scope, for the recipient. */
    public AttributeProof proof(Patient p, BigInteger scope, EvmAddress recipient) {
        return prover.prove(hba1c(p, 72, chainNow() - 3_600), p.secret(), atLeast(65, scope, recipient))
                .orElseThrow();
    }

    @Override
    public void close() {
        nodeProver.close();
        node.close();
    }
}
