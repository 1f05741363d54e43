package io.salus.chain.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.TxSender;
import io.salus.chain.zk.ZkFixture.Patient;
import io.salus.chain.zk.internal.ZkCalls;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.zk.Admission;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.PublicSignals;
import io.salus.core.zk.ScopePolicy;
import io.salus.zk.AttributeCodes;
import io.salus.zk.AttributeKind;
import io.salus.zk.Claim;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.Predicate;
import io.salus.zk.SignedAttribute;
import io.salus.zk.WitnessInput;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The gate and the registry on a real anvil with the verifier snarkjs generated from this build's (test-only) setup,
 * fed real proofs. One valid path, then every attack the gate must stop, each named for it.
 */
class AttributeGateIT {
    @TempDir
    static Path dir;
    static ZkFixture zk;

    @BeforeAll
    static void start() {
        zk = ZkFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        zk.close();
    }

    private static ErrorCode code(Result<?> r) {
        return r.failure().code();
    }

    @Test
    void validProof_admitsTheRecipientOnce_andTheEventCarriesOnlyScopeNullifierAndRecipient() {
        BigInteger scope = zk.hba1cScope("valid");
        Patient alice = zk.fundedPatient();
        AttributeProof proof = zk.proof(alice, scope, alice.address());

        assertThat(zk.gate().check(proof).isOk()).isTrue();
        Admission a = zk.gate().admitAsSender(alice.credentials(), proof).orElseThrow();

        assertThat(zk.gate().admitted(scope, alice.address())).isTrue();
        assertThat(zk.gate().nullifierUsed(scope, proof.signals().nullifier())).isTrue();
        Log event = receipt(a.txHash()).getLogs().get(0);
        assertThat(event.getTopics()).containsExactly(
                Hash.sha3String("Admitted(uint256,uint256,address)"),
                Numeric.toHexStringWithPrefixZeroPadded(scope, 64),
                Numeric.toHexStringWithPrefixZeroPadded(proof.signals().nullifier(), 64),
                Numeric.toHexStringWithPrefixZeroPadded(PublicSignals.addressSignal(alice.address()), 64));
        assertThat(event.getData()).isEqualTo("0x");
    }

    @Test
    void relayedProof_admitsTheRecipientItNames() {
        BigInteger scope = zk.hba1cScope("relayed");
        Patient bob = ZkFixture.account();
        Admission a = zk.gate().admit(zk.proof(bob, scope, bob.address())).orElseThrow();
        assertThat(a.recipient()).isEqualTo(bob.address());
        assertThat(zk.gate().admitted(scope, bob.address())).isTrue();
        assertThat(a.gasUsed()).isLessThan(EvmAttributeGateLedger.ADMIT_GAS.longValueExact());
    }

    @Test
    void reusedNullifier_reverts_evenWithAFreshProofForAnotherRecipient() {
        BigInteger scope = zk.hba1cScope("reuse");
        Patient carol = ZkFixture.account();
        AttributeProof first = zk.proof(carol, scope, carol.address());
        zk.gate().admit(first).orElseThrow();

        assertThat(code(zk.gate().admit(first))).isEqualTo(ErrorCode.ZK_NULLIFIER_USED);
        Patient carolsOtherWallet = ZkFixture.account();
        AttributeProof second = zk.proof(carol, scope, carolsOtherWallet.address());
        assertThat(second.signals().nullifier()).isEqualTo(first.signals().nullifier());
        assertThat(code(zk.gate().admit(second))).isEqualTo(ErrorCode.ZK_NULLIFIER_USED);
        assertThat(zk.gate().admitted(scope, carolsOtherWallet.address())).isFalse();

        BigInteger otherStudy = zk.hba1cScope("reuse-elsewhere");
        assertThat(zk.gate().admit(zk.proof(carol, otherStudy, carol.address())).isOk())
                .as("one patient counts once per scope, and may join another").isTrue();
    }

    @Test
    void tamperedPublicInput_reverts() {
        BigInteger scope = zk.hba1cScope("tamper");
        Patient dave = ZkFixture.account();
        AttributeProof proof = zk.proof(dave, scope, dave.address());
        PublicSignals s = proof.signals();
        List<PublicSignals> tampered = List.of(
                new PublicSignals(s.nullifier().add(BigInteger.ONE), s.providerAx(), s.providerAy(), s.kind(), s.lo(),
                        s.hi(), s.notBefore(), s.scope(), s.recipient()),
                new PublicSignals(s.nullifier(), s.providerAx(), s.providerAy(), s.kind(), s.lo().add(BigInteger.TEN),
                        s.hi(), s.notBefore(), s.scope(), s.recipient()),
                new PublicSignals(s.nullifier(), s.providerAx(), s.providerAy(), s.kind(), s.lo(), s.hi(),
                        s.notBefore().add(BigInteger.valueOf(3_600)), s.scope(), s.recipient()),
                new PublicSignals(s.nullifier(), s.providerAx(), s.providerAy(), s.kind(), s.lo(),
                        s.hi().subtract(BigInteger.ONE), s.notBefore(), s.scope(), s.recipient()));
        for (PublicSignals t : tampered) {
            assertThat(code(zk.gate().admit(proof.withSignals(t)))).as("%s", t).isEqualTo(ErrorCode.ZK_PROOF_INVALID);
            assertThat(zk.gate().verifierAccepts(proof.withSignals(t))).isFalse();
        }
        assertThat(zk.gate().nullifierUsed(scope, s.nullifier())).isFalse();
        assertThat(zk.gate().admit(proof).isOk()).as("the untampered proof still works").isTrue();
    }

    @Test
    void proofForAnotherRecipient_reverts() {
        BigInteger scope = zk.hba1cScope("recipient");
        Patient erin = zk.fundedPatient();
        Patient mallory = zk.fundedPatient();
        AttributeProof forErin = zk.proof(erin, scope, erin.address());

        // Mallory submits Erin's proof from her own account, and as a relay naming herself
        assertThat(code(zk.gate().admitAsSender(mallory.credentials(), forErin))).isEqualTo(ErrorCode.ZK_PROOF_INVALID);
        PublicSignals s = forErin.signals();
        AttributeProof renamed = forErin.withSignals(new PublicSignals(s.nullifier(), s.providerAx(), s.providerAy(),
                s.kind(), s.lo(), s.hi(), s.notBefore(), s.scope(), PublicSignals.addressSignal(mallory.address())));
        assertThat(code(zk.gate().admit(renamed))).isEqualTo(ErrorCode.ZK_PROOF_INVALID);
        assertThat(zk.gate().admitted(scope, mallory.address())).isFalse();
        assertThat(zk.gate().nullifierUsed(scope, s.nullifier())).isFalse();
    }

    @Test
    void unregisteredProviderKey_reverts_soSelfSignedAttributesAreWorthless() {
        BigInteger scope = zk.hba1cScope("self-signed");
        Patient frank = ZkFixture.account();
        PrivateKey franksOwnKey = PrivateKey.generate(ZkFixture.RANDOM);
        SignedAttribute selfSigned = SignedAttribute.issue(franksOwnKey, frank.secret().identity(), ZkFixture.HBA1C,
                BigInteger.valueOf(90), zk.chainNow() - 60);
        AttributeProof proof = zk.prover().prove(selfSigned, frank.secret(), zk.atLeast(65, scope, frank.address()))
                .orElseThrow();
        assertThat(code(zk.gate().admit(proof))).isEqualTo(ErrorCode.ZK_PROVIDER_KEY_INACTIVE);
    }

    @Test
    void revokedProviderKey_reverts_fromTheNextBlock() {
        PrivateKey clinic = PrivateKey.generate(ZkFixture.RANDOM);
        Patient clinicAccount = ZkFixture.account();
        zk.gate().registerProviderKey(clinicAccount.address(), clinic.publicKey().x(), clinic.publicKey().y())
                .orElseThrow();
        BigInteger scope = zk.hba1cScope("revoked");
        Patient grace = ZkFixture.account();
        SignedAttribute a = SignedAttribute.issue(clinic, grace.secret().identity(), ZkFixture.HBA1C,
                BigInteger.valueOf(80), zk.chainNow() - 60);
        AttributeProof proof = zk.prover().prove(a, grace.secret(), zk.atLeast(65, scope, grace.address()))
                .orElseThrow();
        assertThat(zk.gate().check(proof).isOk()).isTrue();

        zk.gate().revokeProviderKey(clinicAccount.address()).orElseThrow();
        assertThat(zk.gate().providerKeyActive(clinic.publicKey().x(), clinic.publicKey().y())).isFalse();
        assertThat(code(zk.gate().admit(proof))).isEqualTo(ErrorCode.ZK_PROVIDER_KEY_INACTIVE);
        assertThat(code(zk.gate().registerProviderKey(clinicAccount.address(), clinic.publicKey().x(),
                clinic.publicKey().y()))).as("a revoked key never comes back")
                .isEqualTo(ErrorCode.ZK_PROVIDER_KEY_INVALID);
    }

    @Test
    void staleCommitment_reverts_onceThePolicysMaxAgeHasPassed() {
        BigInteger scope = zk.scope("stale", new ScopePolicy(ZkFixture.HBA1C.element(), BigInteger.valueOf(65),
                AttributeCodes.MAX_VALUE, Duration.ofDays(30), 0));
        Patient heidi = ZkFixture.account();
        long now = zk.chainNow();
        SignedAttribute a = zk.hba1c(heidi, 72, now - 3_600);
        Claim claim = new Claim(ZkFixture.HBA1C, Predicate.atLeast(BigInteger.valueOf(65)),
                Claim.notBeforeFor(now, Duration.ofDays(30).toSeconds()), scope, heidi.address());
        AttributeProof proof = zk.prover().prove(a, heidi.secret(), claim).orElseThrow();
        assertThat(zk.gate().check(proof).isOk()).isTrue();

        zk.advance(Duration.ofDays(31));
        assertThat(code(zk.gate().admit(proof))).isEqualTo(ErrorCode.ZK_COMMITMENT_STALE);

        // an attribute signed 40 days ago cannot be given a bound recent enough: only a bound the gate refuses
        SignedAttribute old = zk.hba1c(heidi, 72, zk.chainNow() - 40 * 86_400L);
        Claim oldBound = new Claim(ZkFixture.HBA1C, Predicate.atLeast(BigInteger.valueOf(65)), old.issuedAt(), scope,
                heidi.address());
        assertThat(code(zk.gate().admit(zk.prover().prove(old, heidi.secret(), oldBound).orElseThrow())))
                .isEqualTo(ErrorCode.ZK_COMMITMENT_STALE);
        Claim freshBound = new Claim(ZkFixture.HBA1C, Predicate.atLeast(BigInteger.valueOf(65)),
                Claim.notBeforeFor(zk.chainNow(), Duration.ofDays(30).toSeconds()), scope, heidi.address());
        assertThat(code(zk.prover().prove(old, heidi.secret(), freshBound))).isEqualTo(ErrorCode.ZK_COMMITMENT_STALE);
    }

    @Test
    void forgedSignatureOrValueBelowThreshold_yieldsNoProof_andAWeakerClaimIsRefused() {
        BigInteger scope = zk.hba1cScope("below");
        Patient ivan = ZkFixture.account();
        SignedAttribute low = zk.hba1c(ivan, 60, zk.chainNow() - 60);
        Claim claim = zk.atLeast(65, scope, ivan.address());
        assertThat(code(zk.prover().prove(low, ivan.secret(), claim))).isEqualTo(ErrorCode.ZK_PREDICATE_FALSE);
        assertThat(code(zk.nodeProver().prove(WitnessInput.of(low, ivan.secret(), claim))))
                .isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        SignedAttribute raised = new SignedAttribute(low.identity(), low.kind(), BigInteger.valueOf(70),
                low.issuedAt(), low.provider(), low.signature());
        assertThat(code(zk.nodeProver().prove(WitnessInput.of(raised, ivan.secret(), claim))))
                .isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);

        // a true but weaker statement (HbA1c >= 5.5 %) is a valid proof the scope does not accept
        AttributeProof weaker = zk.prover().prove(low, ivan.secret(), zk.atLeast(55, scope, ivan.address()))
                .orElseThrow();
        assertThat(zk.gate().verifierAccepts(weaker)).isTrue();
        assertThat(code(zk.gate().admit(weaker))).isEqualTo(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
    }

    @Test
    void proofAboutAnotherKindOfAttribute_reverts() {
        BigInteger scope = zk.hba1cScope("kind");
        Patient judy = ZkFixture.account();
        AttributeKind glucose = AttributeKind.observation("http://loinc.org", "2339-0");
        SignedAttribute a = SignedAttribute.issue(zk.provider(), judy.secret().identity(), glucose,
                BigInteger.valueOf(200), zk.chainNow() - 60);
        Claim claim = new Claim(glucose, Predicate.atLeast(BigInteger.valueOf(65)),
                Claim.notBeforeFor(zk.chainNow(), ZkFixture.YEAR.toSeconds()), scope, judy.address());
        assertThat(code(zk.gate().admit(zk.prover().prove(a, judy.secret(), claim).orElseThrow())))
                .isEqualTo(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
    }

    @Test
    void adultsOnlyScope_admitsAnAdult_andRefusesACutoffLaterThanTheChainsToday() {
        BigInteger scope = zk.scope("adults", new ScopePolicy(AttributeKind.BIRTH_DATE.element(), BigInteger.ZERO,
                AttributeCodes.MAX_VALUE, ZkFixture.YEAR, 18));
        LocalDate today = Instant.ofEpochSecond(zk.chainNow()).atZone(ZoneOffset.UTC).toLocalDate();
        Patient ken = ZkFixture.account();
        SignedAttribute born = SignedAttribute.issue(zk.provider(), ken.secret().identity(), AttributeKind.BIRTH_DATE,
                AttributeCodes.date(today.minusYears(30)), zk.chainNow() - 60);
        long notBefore = Claim.notBeforeFor(zk.chainNow(), ZkFixture.YEAR.toSeconds());
        Claim adult = new Claim(AttributeKind.BIRTH_DATE, Predicate.ageAtLeast(18, today), notBefore, scope,
                ken.address());
        assertThat(zk.gate().admit(zk.prover().prove(born, ken.secret(), adult).orElseThrow()).isOk()).isTrue();

        Patient leo = ZkFixture.account();
        SignedAttribute leoBorn = SignedAttribute.issue(zk.provider(), leo.secret().identity(),
                AttributeKind.BIRTH_DATE, AttributeCodes.date(today.minusYears(17)), zk.chainNow() - 60);
        Claim sixteen = new Claim(AttributeKind.BIRTH_DATE, Predicate.ageAtLeast(16, today), notBefore, scope,
                leo.address());
        assertThat(code(zk.gate().admit(zk.prover().prove(leoBorn, leo.secret(), sixteen).orElseThrow())))
                .isEqualTo(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
    }

    @Test
    void tooLittleGas_failsClosed_andLeavesTheNullifierUnused() {
        BigInteger scope = zk.hba1cScope("gas");
        Patient mia = ZkFixture.account();
        AttributeProof proof = zk.proof(mia, scope, mia.address());
        TxSender sender = zk.node().ledger().access().sender();
        String to = zk.gate().addresses().gate().hex();
        String data = ZkCalls.admitFor(proof);
        assertThatThrownBy(() -> sender.send(to, data, BigInteger.valueOf(250_000)))
                .hasMessageContaining("reverted");
        assertThat(zk.gate().nullifierUsed(scope, proof.signals().nullifier())).isFalse();
        assertThat(zk.gate().admit(proof).isOk()).isTrue();
    }

    private static TransactionReceipt receipt(String txHash) {
        Rpc rpc = zk.node().ledger().access().rpc();
        return rpc.call("receipt", () -> rpc.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt()
                .orElseThrow());
    }
}
