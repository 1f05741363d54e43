package io.salus.testkit.contract;

import static io.salus.testkit.chain.ConsentSigner.SIGNER;
import static io.salus.testkit.chain.ConsentSigner.withSignature;
import static io.salus.testkit.data.KeySpace.address;
import static io.salus.testkit.data.ConsentFixtures.researchTerms;
import static io.salus.testkit.data.ConsentFixtures.researcher;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.ConsentLedger.AttestationReceipt;
import io.salus.core.port.ConsentLedger.GrantReceipt;
import io.salus.core.record.Category;
import io.salus.testkit.chain.ConsentSigner;
import io.salus.testkit.chain.Signatures;
import io.salus.testkit.data.KeySpace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ConsentLedger}: signed grants, revocations, delegations and attestations are relayed when the
 * signer may make them and refused with the port's failure codes, before anything is written, when not (signature,
 * malleability, deadline, nonce, scope, trust, well-formedness); the chain enforces the same rules on its own, so each
 * refused instruction sent straight to it is refused there too ({@link #refusedOnChain}); events come back in chain
 * order with every field. An adapter is accepted when a subclass supplying it passes. The chain may hold other tests'
 * data: keys here are random per test instance.
 */
public abstract class ConsentLedgerContract {
    private final KeySpace keys = KeySpace.random();
    protected ConsentSigner signer;

    /** The consent ledger under test; its relayer owns the contracts (it trusts issuers). */
    protected abstract ConsentLedger ledger();

    /** The chain's time (its latest block's): signature deadlines and delegation expiries are judged by it. */
    protected abstract Instant now();

    /**
     * The chain's own refusal of {@code instruction} sent straight to it, bypassing the adapter's checks: the consent
     * contracts' custom error name ({@code NotAuthorized}, {@code InvalidTerms}, {@code UntrustedIssuer},
     * {@code WrongSigner}, {@code InvalidAccountNonce}, {@code SignatureExpired}, {@code ECDSAInvalidSignatureS},
     * {@code ECDSAInvalidSignatureLength}), empty if the chain would accept it. Nothing is written.
     */
    protected abstract Optional<String> refusedOnChain(Signed<?> instruction);

    /**
     * The transactions the ledger's relayer has sent, mined or pending: "nothing was sent" is judged by it, not by the
     * head block, which the chain advances every second on its own.
     */
    protected abstract long relayerSent();

    @BeforeEach
    void signer() {
        signer = new ConsentSigner(ledger(), this::now);
    }

    /** This test instance's secp256k1 key called {@code name}. */
    protected byte[] key(String name) {
        return keys.key(name);
    }

    static GrantTerms terms(EvmAddress patient, Optional<EvmAddress> consumer) {
        return researchTerms(patient, consumer);
    }

    static GrantTerms terms(byte[] patientKey) {
        return researchTerms(address(patientKey), Optional.empty());
    }

    /** The terms ending at {@code end} (a delegate's grant ends with its delegation at the latest). */
    static GrantTerms endingAt(GrantTerms t, Instant end) {
        return new GrantTerms(t.patient(), t.categories(), t.attestationTypes(), t.purposes(), t.validFrom(), end,
                t.minPrice(), t.namedConsumer());
    }

    /**
     * Relaying grants and revocations: recorded with every field; refused when malformed, unknown, revoked or not the
     * signer's to make; once per signature.
     */
    @Nested
    class Grants {
        @Test
        void grantByPatient_isRecorded_andItsEventCarriesEveryField() {
            byte[] patientKey = key("patient grant");
            EvmAddress consumer = address(key("named consumer"));
            GrantTerms t = terms(address(patientKey), Optional.of(consumer));

            GrantReceipt r = ledger().grant(signer.sign(t, patientKey)).orElseThrow();

            List<ConsentEvent> events = ledger().events(r.tx().blockNumber(), r.tx().blockNumber());
            assertThat(events).hasSize(1);
            ConsentEvent.GrantRecorded e = (ConsentEvent.GrantRecorded) events.get(0);
            assertThat(e.grant().id()).isEqualTo(r.grantId()).isPositive();
            assertThat(e.grant().terms()).isEqualTo(t);
            assertThat(e.grant().signer()).isEqualTo(address(patientKey));
            assertThat(e.grant().grantedAtBlock()).isEqualTo(r.tx().blockNumber());
            assertThat(e.grant().revokedAtBlock()).isEmpty();
        }

        @Test
        void grantWithoutNamedConsumer_decodesToAnEmptyConsumer() {
            byte[] patientKey = key("patient open grant");
            GrantTerms t = terms(address(patientKey), Optional.empty());

            GrantReceipt r = ledger().grant(signer.sign(t, patientKey)).orElseThrow();

            ConsentEvent.GrantRecorded e = (ConsentEvent.GrantRecorded) ledger()
                    .events(r.tx().blockNumber(), r.tx().blockNumber()).get(0);
            assertThat(e.grant().terms().namedConsumer()).isEmpty();
            assertThat(e.grant().terms()).isEqualTo(t);
        }

        @Test
        void revoke_emitsTheRevocationInItsBlock_andASecondRevokeIsRefused() {
            byte[] patientKey = key("patient revoke");
            long id = ledger().grant(signer.sign(terms(address(patientKey), Optional.empty()), patientKey))
                    .orElseThrow()
                    .grantId();

            TxRef tx = ledger().revoke(signer.sign(new Payloads.Revoke(id), patientKey)).orElseThrow();

            assertThat(ledger().events(tx.blockNumber(), tx.blockNumber()))
                    .containsExactly(new ConsentEvent.GrantRevoked(id, tx.blockNumber(), 0));
            Result<TxRef> again = ledger().revoke(signer.sign(new Payloads.Revoke(id), patientKey));
            assertThat(again.failure().code()).isEqualTo(ErrorCode.CONSENT_REVOKED);
        }

        @Test
        void revokeOfAnUnknownGrant_isGrantNotFound() {
            byte[] patientKey = key("patient unknown grant");
            assertThat(ledger().revoke(signer.sign(new Payloads.Revoke(999_999), patientKey)).failure().code())
                    .isEqualTo(ErrorCode.GRANT_NOT_FOUND);
        }

        @Test
        void revokeByAStranger_isADelegationScopeFailure_andTheContractRefusesItToo() {
            byte[] patientKey = key("patient stranger revoke");
            byte[] strangerKey = key("stranger");
            long id = ledger().grant(signer.sign(terms(address(patientKey), Optional.empty()), patientKey))
                    .orElseThrow()
                    .grantId();

            Signed<Payloads.Revoke> s = signer.sign(new Payloads.Revoke(id), strangerKey);

            assertThat(ledger().revoke(s).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
            assertThat(refusedOnChain(s)).contains("NotAuthorized");
        }

        @Test
        void malformedTerms_areAnInvalidGrant_beforeAndOnChain() {
            byte[] patientKey = key("patient malformed");
            EvmAddress patient = address(patientKey);
            GrantTerms noPurpose = new GrantTerms(patient, 1, 1, 0, Instant.ofEpochSecond(10),
                    Instant.ofEpochSecond(20),
                    0, Optional.empty());
            GrantTerms backwards = new GrantTerms(patient, 1, 1, 1, Instant.ofEpochSecond(20),
                    Instant.ofEpochSecond(10),
                    0, Optional.empty());

            for (GrantTerms t : List.of(noPurpose, backwards)) {
                Signed<GrantTerms> s = signer.sign(t, patientKey);
                assertThat(ledger().grant(s).failure().code()).isEqualTo(ErrorCode.INVALID_GRANT);
                assertThat(refusedOnChain(s)).contains("InvalidTerms");
            }
        }

        @Test
        void relayingTheSameSignedGrantTwice_createsOneGrant_theSecondIsNonceUsed() {
            byte[] patientKey = key("patient relay twice");
            Signed<GrantTerms> s = signer.sign(terms(address(patientKey), Optional.empty()), patientKey);
            GrantReceipt first = ledger().grant(s).orElseThrow();
            long head = ledger().headBlock();
            long sent = relayerSent();

            Result<GrantReceipt> second = ledger().grant(s);

            assertThat(second.failure().code()).isEqualTo(ErrorCode.NONCE_USED);
            assertThat(relayerSent()).as("nothing was sent").isEqualTo(sent);
            assertThat(ledger().events(first.tx().blockNumber(), head).stream()
                    .filter(e -> e instanceof ConsentEvent.GrantRecorded g
                            && g.grant().signer().equals(address(patientKey))))
                    .hasSize(1);
        }

        @Test
        void concurrentRelaysOfTheSameSignedGrant_recordOneGrant_theOthersAreNonceUsed() throws Exception {
            byte[] patientKey = key("patient concurrent relays");
            Signed<GrantTerms> s = signer.sign(terms(address(patientKey), Optional.empty()), patientKey);
            List<Result<GrantReceipt>> results;
            try (var pool = Executors.newFixedThreadPool(4)) {
                List<Future<Result<GrantReceipt>>> futures = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    futures.add(pool.submit(() -> ledger().grant(s)));
                }
                results = new ArrayList<>();
                for (var fu : futures) {
                    results.add(fu.get());
                }
            }

            assertThat(results.stream().filter(Result::isOk)).hasSize(1);
            assertThat(results.stream().filter(r -> !r.isOk()).map(r -> r.failure().code()))
                    .containsOnly(ErrorCode.NONCE_USED);
            assertThat(ledger().nextNonce(address(patientKey), GrantTerms.class)).isEqualTo(1);
        }

        @Test
        void nextNonce_countsTheSignersInstructionsPerContract() {
            byte[] patientKey = key("patient nonces");
            EvmAddress patient = address(patientKey);
            assertThat(ledger().nextNonce(patient, GrantTerms.class)).isZero();

            ledger().grant(signer.sign(terms(patient, Optional.empty()), patientKey)).orElseThrow();

            assertThat(ledger().nextNonce(patient, GrantTerms.class)).isEqualTo(1);
            assertThat(ledger().nextNonce(patient, Payloads.Revoke.class)).isEqualTo(1);
            assertThat(ledger().nextNonce(patient, Payloads.Attest.class)).isZero();
        }
    }

    /**
     * Delegates act for the patient only within an unexpired, unrevoked MANAGE_CONSENT delegation; only the patient
     * states a delegation's scopes.
     */
    @Nested
    class Delegations {
        @Test
        void delegateManagingConsent_grantsAndRevokesForThePatient() {
            byte[] patientKey = key("patient delegating");
            byte[] caregiverKey = key("caregiver manage");
            EvmAddress patient = address(patientKey);
            Instant until = signer.inAnHour().plusSeconds(3600);
            TxRef d = ledger().delegate(signer.sign(new Payloads.Delegate(patient, address(caregiverKey),
                    DelegationScope.MANAGE_CONSENT.mask() | DelegationScope.VIEW_RECORDS.mask(), until), patientKey))
                    .orElseThrow();

            GrantReceipt g = ledger().grant(signer.sign(endingAt(terms(patient, Optional.empty()), until),
                    caregiverKey)).orElseThrow();
            TxRef revoked = ledger().revoke(signer.sign(new Payloads.Revoke(g.grantId()), caregiverKey)).orElseThrow();

            List<ConsentEvent> events = ledger().events(d.blockNumber(), revoked.blockNumber());
            assertThat(events).hasSize(3);
            ConsentEvent.DelegationSet set = (ConsentEvent.DelegationSet) events.get(0);
            assertThat(set.delegation().patient()).isEqualTo(patient);
            assertThat(set.delegation().delegate()).isEqualTo(address(caregiverKey));
            assertThat(set.delegation().scopes()).isEqualTo(3);
            assertThat(set.delegation().validUntil()).isEqualTo(until);
            assertThat(set.delegation().atBlock()).isEqualTo(d.blockNumber());
            ConsentEvent.GrantRecorded rec = (ConsentEvent.GrantRecorded) events.get(1);
            assertThat(rec.grant().signer()).isEqualTo(address(caregiverKey));
            assertThat(rec.grant().terms().patient()).isEqualTo(patient);
            assertThat(events.get(2)).isEqualTo(new ConsentEvent.GrantRevoked(g.grantId(), revoked.blockNumber(), 0));
        }

        @Test
        void delegateWithViewRecordsOnly_cannotGrant() {
            byte[] patientKey = key("patient view only");
            byte[] caregiverKey = key("caregiver view");
            EvmAddress patient = address(patientKey);
            ledger().delegate(signer.sign(new Payloads.Delegate(patient, address(caregiverKey),
                    DelegationScope.VIEW_RECORDS.mask(), signer.inAnHour()), patientKey)).orElseThrow();

            Signed<GrantTerms> s = signer.sign(terms(patient, Optional.empty()), caregiverKey);

            assertThat(ledger().grant(s).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
            assertThat(refusedOnChain(s)).contains("NotAuthorized");
        }

        @Test
        void expiredDelegation_cannotGrant() {
            byte[] patientKey = key("patient expired delegation");
            byte[] caregiverKey = key("caregiver expired");
            EvmAddress patient = address(patientKey);
            ledger().delegate(signer.sign(new Payloads.Delegate(patient, address(caregiverKey),
                    DelegationScope.MANAGE_CONSENT.mask(), now().minusSeconds(3600)), patientKey)).orElseThrow();

            Signed<GrantTerms> s = signer.sign(terms(patient, Optional.empty()), caregiverKey);

            assertThat(ledger().grant(s).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
            assertThat(refusedOnChain(s)).contains("NotAuthorized");
        }

        @Test
        void revokedDelegation_cannotGrantAnyMore() {
            byte[] patientKey = key("patient revoked delegation");
            byte[] caregiverKey = key("caregiver revoked");
            EvmAddress patient = address(patientKey);
            ledger().delegate(signer.sign(new Payloads.Delegate(patient, address(caregiverKey),
                    DelegationScope.MANAGE_CONSENT.mask(), signer.inAnHour()), patientKey)).orElseThrow();
            ledger().delegate(signer.sign(new Payloads.Delegate(patient, address(caregiverKey), 0,
                    signer.inAnHour()), patientKey)).orElseThrow();

            assertThat(ledger().grant(signer.sign(terms(patient, Optional.empty()), caregiverKey)).failure().code())
                    .isEqualTo(ErrorCode.DELEGATION_SCOPE);
        }

        @Test
        void aDelegateManagingConsent_cannotWidenItsDelegationOrDelegateFurther_andTheContractRevertsWrongSigner() {
            byte[] patientKey = key("patient stating scopes");
            byte[] managerKey = key("manager widening");
            EvmAddress patient = address(patientKey);
            EvmAddress manager = address(managerKey);
            Instant until = signer.inAnHour();
            ledger().delegate(signer.sign(new Payloads.Delegate(patient, manager, DelegationScope.MANAGE_CONSENT.mask(),
                    until), patientKey)).orElseThrow();
            long sent = relayerSent();

            Signed<Payloads.Delegate> widen = signer.sign(
                    new Payloads.Delegate(patient, manager, 7, until.plusSeconds(86_400)),
                    managerKey);
            Signed<Payloads.Delegate> further = signer.sign(new Payloads.Delegate(patient, address(key("third party")),
                    DelegationScope.VIEW_RECORDS.mask(), until), managerKey);

            for (Signed<Payloads.Delegate> s : List.of(widen, further)) {
                assertThat(ledger().delegate(s).failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
                assertThat(refusedOnChain(s)).contains("WrongSigner");
            }
            assertThat(relayerSent()).as("nothing was sent").isEqualTo(sent);
            List<ConsentEvent> all = ledger().events(0, ledger().headBlock());
            assertThat(all).filteredOn(e -> e instanceof ConsentEvent.DelegationSet d && d.delegation().patient()
                    .equals(patient)).as("only the patient's own delegation").hasSize(1);
        }
    }

    /**
     * A delegate stays inside its scope at the source: no grant naming itself as the consumer, none lasting beyond its
     * delegation; refused by the adapter before anything is sent and by the contract itself.
     */
    @Nested
    class DelegateScope {
        @Test
        void delegateGrantNamingItself_orOutlastingItsDelegation_isRefused_byTheLedgerAndByTheContract() {
            byte[] patientKey = key("patient of a scheming delegate");
            byte[] delegateKey = key("scheming delegate");
            EvmAddress patient = address(patientKey);
            EvmAddress delegate = address(delegateKey);
            Instant until = signer.inAnHour();
            ledger().delegate(signer.sign(new Payloads.Delegate(patient, delegate, DelegationScope.MANAGE_CONSENT
                    .mask(), until), patientKey)).orElseThrow();
            long sent = relayerSent();
            GrantTerms within = endingAt(terms(patient, Optional.empty()), until);

            Signed<GrantTerms> toItself = signer.sign(endingAt(terms(patient, Optional.of(delegate)), until),
                    delegateKey);
            assertThat(ledger().grant(toItself).failure().code()).isEqualTo(ErrorCode.DELEGATE_GRANT_TO_ITSELF);
            assertThat(refusedOnChain(toItself)).contains("DelegateNamesItself");

            Signed<GrantTerms> until2099 = signer.sign(endingAt(within, Instant.parse("2099-01-01T00:00:00Z")),
                    delegateKey);
            assertThat(ledger().grant(until2099).failure().code())
                    .isEqualTo(ErrorCode.DELEGATE_GRANT_OUTLASTS_DELEGATION);
            assertThat(refusedOnChain(until2099)).contains("BeyondDelegation");
            assertThat(relayerSent()).as("nothing was sent").isEqualTo(sent);

            assertThat(ledger().grant(signer.sign(within, delegateKey)).isOk())
                    .as("a grant inside the delegation is recorded").isTrue();
            assertThat(ledger().grant(signer.sign(endingAt(within, Instant.parse("2099-01-01T00:00:00Z")),
                    patientKey)).isOk()).as("the patient's own grant is not limited").isTrue();
        }
    }

    /** Attestations only from issuers trusted for the type; revoked only by their issuer, once. */
    @Nested
    class Issuers {
        @Test
        void untrustedIssuer_isRefused_beforeAndOnChain() {
            byte[] issuerKey = key("untrusted issuer");
            Signed<Payloads.Attest> s = signer.sign(researcher(address(key("some researcher"))), issuerKey);

            assertThat(ledger().attest(s).failure().code()).isEqualTo(ErrorCode.UNTRUSTED_ISSUER);
            assertThat(refusedOnChain(s)).contains("UntrustedIssuer");
        }

        @Test
        void issuerTrustedForAnotherType_isRefused() {
            byte[] issuerKey = key("pharma-only issuer");
            ledger().trustIssuer(address(issuerKey), AttestationType.PHARMA.mask()).orElseThrow();
            Signed<Payloads.Attest> s = signer.sign(researcher(address(key("researcher b"))), issuerKey);

            assertThat(ledger().attest(s).failure().code()).isEqualTo(ErrorCode.UNTRUSTED_ISSUER);
            assertThat(refusedOnChain(s)).contains("UntrustedIssuer");
        }

        @Test
        void trustedIssuer_attests_andTheEventsDecodeWithEveryField() {
            byte[] issuerKey = key("university issuer");
            EvmAddress subject = address(key("researcher a"));
            int types = AttestationType.maskOf(Set.of(AttestationType.ACADEMIC_RESEARCHER, AttestationType.PHARMA));
            TxRef trusted = ledger().trustIssuer(address(issuerKey), types).orElseThrow();

            AttestationReceipt r = ledger().attest(signer.sign(researcher(subject), issuerKey)).orElseThrow();

            List<ConsentEvent> events = ledger().events(trusted.blockNumber(), r.tx().blockNumber());
            assertThat(events).first().isEqualTo(new ConsentEvent.IssuerTrusted(address(issuerKey), types,
                    trusted.blockNumber(), 0));
            Attestation a = ((ConsentEvent.AttestationRecorded) events.get(events.size() - 1)).attestation();
            assertThat(a).isEqualTo(new Attestation(r.attestationId(), address(issuerKey), subject,
                    AttestationType.ACADEMIC_RESEARCHER, Purpose.maskOf(Set.of(Purpose.HRESCH, Purpose.CLINTRCH)),
                    Instant.ofEpochSecond(1_700_000_000L), Instant.ofEpochSecond(1_900_000_000L), r.tx().blockNumber(),
                    Optional.empty()));
        }

        @Test
        void attestationRevoke_byAnotherAddress_isRefused_byItsIssuer_isRecorded() {
            byte[] issuerKey = key("revoking issuer");
            byte[] otherKey = key("other issuer");
            ledger().trustIssuer(address(issuerKey), AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
            ledger().trustIssuer(address(otherKey), AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
            long id = ledger().attest(signer.sign(researcher(address(key("researcher c"))), issuerKey)).orElseThrow()
                    .attestationId();

            Signed<Payloads.RevokeAttestation> byOther = signer.sign(new Payloads.RevokeAttestation(id), otherKey);
            assertThat(ledger().revokeAttestation(byOther).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(refusedOnChain(byOther)).contains("WrongSigner");

            TxRef tx = ledger().revokeAttestation(signer.sign(new Payloads.RevokeAttestation(id), issuerKey))
                    .orElseThrow();
            assertThat(ledger().events(tx.blockNumber(), tx.blockNumber()))
                    .containsExactly(new ConsentEvent.AttestationRevoked(id, tx.blockNumber(), 0));
            assertThat(ledger().revokeAttestation(signer.sign(new Payloads.RevokeAttestation(id), issuerKey)).failure()
                    .code()).isEqualTo(ErrorCode.ATTESTATION_REVOKED);
        }

        @Test
        void distrust_stopsNewAttestations() {
            byte[] issuerKey = key("distrusted issuer");
            ledger().trustIssuer(address(issuerKey), AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
            ledger().attest(signer.sign(researcher(address(key("researcher d"))), issuerKey)).orElseThrow();

            ledger().trustIssuer(address(issuerKey), 0).orElseThrow();

            assertThat(
                    ledger().attest(signer.sign(researcher(address(key("researcher e"))), issuerKey)).failure().code())
                    .isEqualTo(ErrorCode.UNTRUSTED_ISSUER);
        }
    }

    /**
     * Each attack twice: through the ledger (its failure code, nothing written) and straight to the chain, which
     * refuses on its own.
     */
    @Nested
    class SignatureAttacks {
        void assertRefused(Signed<GrantTerms> s, ErrorCode code, String revert) {
            long sent = relayerSent();
            assertThat(ledger().grant(s).failure().code()).isEqualTo(code);
            assertThat(relayerSent()).as("nothing was sent").isEqualTo(sent);
            assertThat(refusedOnChain(s)).contains(revert);
        }

        @Test
        void replay_ofAnAcceptedGrant_isNonceUsed_andTheContractReverts() {
            byte[] patientKey = key("replay patient");
            Signed<GrantTerms> s = signer.sign(terms(patientKey), patientKey);
            assertThat(refusedOnChain(s)).isEmpty();
            ledger().grant(s).orElseThrow();

            assertRefused(s, ErrorCode.NONCE_USED, "InvalidAccountNonce");
        }

        @Test
        void replay_ofAnAcceptedDelegation_isNonceUsed_andTheContractReverts() {
            byte[] patientKey = key("replay delegation patient");
            Signed<Payloads.Delegate> s = signer.sign(new Payloads.Delegate(address(patientKey), address(key("carer")),
                    DelegationScope.MANAGE_CONSENT.mask(), signer.inAnHour()), patientKey);
            ledger().delegate(s).orElseThrow();

            assertThat(ledger().delegate(s).failure().code()).isEqualTo(ErrorCode.NONCE_USED);
            assertThat(refusedOnChain(s)).contains("InvalidAccountNonce");
        }

        @Test
        void expiredDeadline_isSignatureExpired_andTheContractReverts() {
            byte[] patientKey = key("expired patient");
            Signed<GrantTerms> s = signer.sign(terms(patientKey), patientKey,
                    ledger().nextNonce(address(patientKey), GrantTerms.class), now().minusSeconds(3600));

            assertRefused(s, ErrorCode.SIGNATURE_EXPIRED, "SignatureExpired");
        }

        @Test
        void malleatedHighSSignature_isMalleable_andTheContractReverts() {
            byte[] patientKey = key("high s patient");
            Signed<GrantTerms> valid = signer.sign(terms(patientKey), patientKey);

            Signed<GrantTerms> s = withSignature(valid, Signatures.highS(valid.signature()));

            assertRefused(s, ErrorCode.MALLEABLE_SIGNATURE, "ECDSAInvalidSignatureS");
            ledger().grant(valid).orElseThrow();
        }

        @Test
        void compact64ByteSignature_isMalleable_andTheContractReverts() {
            byte[] patientKey = key("compact patient");
            Signed<GrantTerms> valid = signer.sign(terms(patientKey), patientKey);

            Signed<GrantTerms> s = withSignature(valid, Signatures.compact(valid.signature()));

            assertRefused(s, ErrorCode.MALLEABLE_SIGNATURE, "ECDSAInvalidSignatureLength");
            ledger().grant(valid).orElseThrow();
        }

        @Test
        void signatureBySomeoneElse_isInvalid_andTheContractReverts() {
            byte[] patientKey = key("impersonated patient");
            byte[] attackerKey = key("attacker");
            Signed<GrantTerms> byPatient = signer.sign(terms(patientKey), patientKey);

            Signed<GrantTerms> s = withSignature(byPatient,
                    SIGNER.sign(ledger().digest(byPatient), attackerKey));

            assertRefused(s, ErrorCode.INVALID_SIGNATURE, "WrongSigner");
        }

        @Test
        void highSAndCompactSignatures_areRefusedOnEveryInstruction() {
            byte[] patientKey = key("every instruction patient");
            byte[] issuerKey = key("every instruction issuer");
            ledger().trustIssuer(address(issuerKey), AttestationType.PHARMA.mask()).orElseThrow();
            long id = ledger().grant(signer.sign(terms(patientKey), patientKey)).orElseThrow().grantId();
            Signed<Payloads.Revoke> revoke = signer.sign(new Payloads.Revoke(id), patientKey);
            Signed<Payloads.Delegate> delegate = signer.sign(new Payloads.Delegate(address(patientKey),
                    address(key("carer 2")), 2, signer.inAnHour()), patientKey);
            Signed<Payloads.Attest> attest = signer.sign(new Payloads.Attest(address(key("pharma co")),
                    AttestationType.PHARMA, 8, Instant.ofEpochSecond(1), signer.inAnHour()), issuerKey);

            assertThat(ledger().revoke(withSignature(revoke, Signatures.highS(revoke.signature())))
                    .failure().code()).isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
            assertThat(refusedOnChain(withSignature(revoke, Signatures.highS(revoke.signature()))))
                    .contains("ECDSAInvalidSignatureS");
            assertThat(ledger().delegate(withSignature(delegate,
                    Signatures.compact(delegate.signature()))).failure().code())
                    .isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
            assertThat(refusedOnChain(withSignature(delegate, Signatures.compact(delegate.signature()))))
                    .contains("ECDSAInvalidSignatureLength");
            assertThat(ledger().attest(withSignature(attest, Signatures.highS(attest.signature())))
                    .failure().code()).isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
            assertThat(refusedOnChain(withSignature(attest, Signatures.highS(attest.signature()))))
                    .contains("ECDSAInvalidSignatureS");
        }
    }

    /** Events in chain order, decoded with every field. */
    @Nested
    class Events {
        @Test
        void logAccess_emitsAnEventThatDecodesWithItsTransaction() {
            Hash32 audit = Hash32.of(key("audit event 1"));
            Hash32 pseudonym = Hash32.of(key("pseudonym of a patient"));
            EvmAddress requester = address(key("requester logged"));

            TxRef tx = ledger().logAccess(audit, pseudonym, requester, Category.LAB_RESULTS.mask(), Purpose.HRESCH);

            assertThat(ledger().events(tx.blockNumber(), tx.blockNumber())).containsExactly(
                    new ConsentEvent.AccessLogged(audit, pseudonym, requester, Category.LAB_RESULTS.mask(),
                            Purpose.HRESCH, tx.txHash(), tx.blockNumber(), 0));
        }

        @Test
        void events_acrossARangeOfMixedKinds_comeBackInChainOrder() {
            byte[] patientKey = key("patient mixed");
            byte[] caregiverKey = key("caregiver mixed");
            EvmAddress patient = address(patientKey);
            long from = ledger().headBlock() + 1;
            Instant until = signer.inAnHour();
            ledger().delegate(signer.sign(new Payloads.Delegate(patient, address(caregiverKey),
                    DelegationScope.MANAGE_CONSENT.mask(), until), patientKey)).orElseThrow();
            long id = ledger().grant(signer.sign(endingAt(terms(patient, Optional.empty()), until), caregiverKey))
                    .orElseThrow().grantId();
            ledger().logAccess(Hash32.of(key("audit mixed")), Hash32.of(key("pseudonym mixed")),
                    address(key("reader")), 1, Purpose.TREAT);
            ledger().trustIssuer(address(key("issuer mixed")), AttestationType.PHARMA.mask()).orElseThrow();
            TxRef last = ledger().revoke(signer.sign(new Payloads.Revoke(id), patientKey)).orElseThrow();

            List<ConsentEvent> mine = ledger().events(from, last.blockNumber());

            assertThat(mine).extracting(e -> e.getClass().getSimpleName()).containsSubsequence("DelegationSet",
                    "GrantRecorded", "AccessLogged", "IssuerTrusted", "GrantRevoked");
            for (int i = 1; i < mine.size(); i++) {
                ConsentEvent a = mine.get(i - 1);
                ConsentEvent b = mine.get(i);
                assertThat(a.block() < b.block() || (a.block() == b.block() && a.logIndex() < b.logIndex())).isTrue();
            }
        }
    }
}
