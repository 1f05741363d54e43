package io.salus.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.PublicSignals;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.EdDsaPoseidon.Signature;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Proofs made by the real circuit and snarkjs in Node (the build's test-only setup), verified off chain with the
 * verification key. The attacks on the prover's side: each input the circuit must refuse is given to the circuit
 * directly (bypassing {@link AttributeProver}'s own checks), and no proof comes out.
 */
class AttributeProofTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long NOW = 1_790_000_000L;
    private static final PrivateKey PROVIDER = PrivateKey.generate(RANDOM);
    private static final PatientSecret PATIENT = PatientSecret.generate(RANDOM);
    private static final AttributeKind HBA1C = AttributeKind.observation("http://loinc.org", "4548-4");
    private static final EvmAddress RECIPIENT = new EvmAddress("0x00000000000000000000000000000000000a11ce");
    private static final BigInteger SCOPE = new BigInteger(250, RANDOM);
    private static NodeProver node;
    private static AttributeProver prover;

    @BeforeAll
    static void startProver() {
        node = NodeProver.start(ZkHome.artifacts());
        prover = new AttributeProver(node);
    }

    @AfterAll
    static void stopProver() {
        node.close();
    }

    private static SignedAttribute hba1c(long value, long issuedAt) {
        return SignedAttribute.issue(PROVIDER, PATIENT.identity(), HBA1C, BigInteger.valueOf(value), issuedAt);
    }

    private static Claim atLeast(long threshold, long notBefore) {
        return new Claim(HBA1C, Predicate.atLeast(BigInteger.valueOf(threshold)), notBefore, SCOPE, RECIPIENT);
    }

    @Nested
    class Valid {
        @Test
        void aValueAboveTheThreshold_provesAndVerifiesWithOnlyThePublicSignalsShown() {
            SignedAttribute a = hba1c(72, NOW - 86_400);
            Claim claim = atLeast(65, NOW - 30 * 86_400);
            AttributeProof proof = prover.prove(a, PATIENT, claim).orElseThrow();
            assertThat(proof.signals()).isEqualTo(WitnessInput.expectedSignals(a, PATIENT, claim));
            assertThat(proof.signals().asList()).doesNotContain(BigInteger.valueOf(72), PATIENT.value(),
                    BigInteger.valueOf(NOW - 86_400), a.commitment());
            assertThat(proof.signals().nullifier()).isEqualTo(Poseidon.hash(PATIENT.value(), SCOPE));
            assertThat(proof.signals().recipientAddress()).isEqualTo(RECIPIENT);
            assertThat(node.verify(proof)).isTrue();
        }

        @Test
        void aDiagnosisCode_isProvenByEquality() {
            BigInteger diabetes = AttributeCodes.code("http://snomed.info/sct", "44054006");
            SignedAttribute a = SignedAttribute.issue(PROVIDER, PATIENT.identity(), AttributeKind.CONDITION, diabetes,
                    NOW - 3_600);
            Claim claim = new Claim(AttributeKind.CONDITION, Predicate.equalTo(diabetes), NOW - 86_400, SCOPE,
                    RECIPIENT);
            assertThat(node.verify(prover.prove(a, PATIENT, claim).orElseThrow())).isTrue();

            Claim asthma = new Claim(AttributeKind.CONDITION,
                    Predicate.equalTo(AttributeCodes.code("http://snomed.info/sct", "195967001")), NOW - 86_400,
                    SCOPE, RECIPIENT);
            assertThat(prover.prove(a, PATIENT, asthma).failure().code()).isEqualTo(ErrorCode.ZK_PREDICATE_FALSE);
            assertThat(node.prove(WitnessInput.of(a, PATIENT, asthma)).failure().code())
                    .isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        }

        @Test
        void anAdult_provesAgeAtLeast18_andAMinorCannot() {
            LocalDate today = LocalDate.of(2026, 11, 22);
            Claim adult = new Claim(AttributeKind.BIRTH_DATE, Predicate.ageAtLeast(18, today), NOW - 86_400, SCOPE,
                    RECIPIENT);
            SignedAttribute born2008 = SignedAttribute.issue(PROVIDER, PATIENT.identity(), AttributeKind.BIRTH_DATE,
                    AttributeCodes.date(LocalDate.of(2008, 11, 22)), NOW - 60);
            assertThat(node.verify(prover.prove(born2008, PATIENT, adult).orElseThrow())).isTrue();

            SignedAttribute bornADayLater = SignedAttribute.issue(PROVIDER, PATIENT.identity(),
                    AttributeKind.BIRTH_DATE, AttributeCodes.date(LocalDate.of(2008, 11, 23)), NOW - 60);
            assertThat(node.prove(WitnessInput.of(bornADayLater, PATIENT, adult)).failure().code())
                    .isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        }

        @Test
        void theNullifierIsStablePerScope_andDiffersAcrossScopes() {
            SignedAttribute a = hba1c(70, NOW - 60);
            AttributeProof first = prover.prove(a, PATIENT, atLeast(65, NOW - 86_400)).orElseThrow();
            AttributeProof again = prover.prove(a, PATIENT, atLeast(60, NOW - 3_600)).orElseThrow();
            Claim elsewhere = new Claim(HBA1C, Predicate.atLeast(BigInteger.valueOf(65)), NOW - 86_400,
                    SCOPE.add(BigInteger.ONE), RECIPIENT);
            AttributeProof other = prover.prove(a, PATIENT, elsewhere).orElseThrow();
            assertThat(again.signals().nullifier()).isEqualTo(first.signals().nullifier());
            assertThat(other.signals().nullifier()).isNotEqualTo(first.signals().nullifier());
        }
    }

    @Nested
    class Attacks {
        @Test
        void forgedProviderSignature_noProofCanBeProduced() {
            SignedAttribute genuine = hba1c(50, NOW - 60);
            // the patient changes the value the provider signed (50) to one that passes (80), keeping the signature
            SignedAttribute forged = new SignedAttribute(genuine.identity(), genuine.kind(), BigInteger.valueOf(80),
                    genuine.issuedAt(), genuine.provider(), genuine.signature());
            assertThat(prover.prove(forged, PATIENT, atLeast(65, NOW - 86_400)).failure().code())
                    .isEqualTo(ErrorCode.ZK_SIGNATURE_INVALID);
            assertThat(node.prove(WitnessInput.of(forged, PATIENT, atLeast(65, NOW - 86_400))).failure().code())
                    .isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);

            // a signature by a key that is not the one claimed
            PrivateKey mallory = PrivateKey.generate(RANDOM);
            Signature bySomeoneElse = mallory.sign(hba1c(80, NOW - 60).commitment());
            SignedAttribute impersonated = new SignedAttribute(genuine.identity(), genuine.kind(),
                    BigInteger.valueOf(80), NOW - 60, PROVIDER.publicKey(), bySomeoneElse);
            assertThat(node.prove(WitnessInput.of(impersonated, PATIENT, atLeast(65, NOW - 86_400))).failure()
                    .code()).isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        }

        @Test
        void anotherPatientsSignedAttribute_noProofCanBeProduced() {
            PatientSecret thief = PatientSecret.generate(RANDOM);
            SignedAttribute victims = hba1c(80, NOW - 60);
            assertThat(prover.prove(victims, thief, atLeast(65, NOW - 86_400)).failure().code())
                    .isEqualTo(ErrorCode.ZK_SIGNATURE_INVALID);
            assertThat(node.prove(WitnessInput.of(victims, thief, atLeast(65, NOW - 86_400))).failure().code())
                    .isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        }

        @Test
        void valueBelowThreshold_noProofCanBeProduced() {
            SignedAttribute a = hba1c(64, NOW - 60);
            assertThat(prover.prove(a, PATIENT, atLeast(65, NOW - 86_400)).failure().code())
                    .isEqualTo(ErrorCode.ZK_PREDICATE_FALSE);
            assertThat(node.prove(WitnessInput.of(a, PATIENT, atLeast(65, NOW - 86_400))).failure().code())
                    .isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        }

        @Test
        void staleCommitment_noProofCanBeProducedWithAFreshBound() {
            SignedAttribute old = hba1c(80, NOW - 400 * 86_400L);
            assertThat(prover.prove(old, PATIENT, atLeast(65, NOW - 365 * 86_400L)).failure().code())
                    .isEqualTo(ErrorCode.ZK_COMMITMENT_STALE);
            assertThat(node.prove(WitnessInput.of(old, PATIENT, atLeast(65, NOW - 365 * 86_400L))).failure()
                    .code()).isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        }

        @Test
        void tamperedPublicSignal_failsVerification() {
            AttributeProof proof = prover.prove(hba1c(72, NOW - 60), PATIENT, atLeast(65, NOW - 86_400))
                    .orElseThrow();
            PublicSignals s = proof.signals();
            PublicSignals lowerThreshold = new PublicSignals(s.nullifier(), s.providerAx(), s.providerAy(), s.kind(),
                    BigInteger.valueOf(80), s.hi(), s.notBefore(), s.scope(), s.recipient());
            PublicSignals otherNullifier = new PublicSignals(s.nullifier().add(BigInteger.ONE), s.providerAx(),
                    s.providerAy(), s.kind(), s.lo(), s.hi(), s.notBefore(), s.scope(), s.recipient());
            PublicSignals otherRecipient = new PublicSignals(s.nullifier(), s.providerAx(), s.providerAy(), s.kind(),
                    s.lo(), s.hi(), s.notBefore(), s.scope(), s.recipient().add(BigInteger.ONE));
            assertThat(node.verify(proof)).isTrue();
            assertThat(node.verify(proof.withSignals(lowerThreshold))).isFalse();
            assertThat(node.verify(proof.withSignals(otherNullifier))).isFalse();
            assertThat(node.verify(proof.withSignals(otherRecipient))).isFalse();
        }

        @Test
        void outOfRangeBounds_noProofCanBeProduced() {
            SignedAttribute a = hba1c(72, NOW - 60);
            Map<String, String> in = new java.util.HashMap<>(WitnessInput.of(a, PATIENT, atLeast(65, NOW - 86_400)));
            // hi beyond 252 bits would let a wrapped comparison pass
            in.put("hi", Bn254.R.subtract(BigInteger.ONE).toString());
            Result<AttributeProof> r = node.prove(in);
            assertThat(r.failure().code()).isEqualTo(ErrorCode.ZK_WITNESS_REJECTED);
        }
    }
}
