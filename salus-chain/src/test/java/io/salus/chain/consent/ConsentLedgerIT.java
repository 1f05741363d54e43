package io.salus.chain.consent;

import static io.salus.chain.consent.ConsentFixture.address;
import static io.salus.chain.consent.ConsentFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.chain.internal.Abi;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
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
import io.salus.core.port.ConsentLedger.GrantReceipt;
import io.salus.core.record.Category;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.generated.Bytes32;

class ConsentLedgerIT {
    @TempDir
    static Path dir;
    static ConsentFixture f;

    @BeforeAll
    static void start() {
        f = ConsentFixture.start(dir.resolve("chain"));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static GrantTerms terms(EvmAddress patient, Optional<EvmAddress> consumer) {
        return new GrantTerms(patient, Category.CONDITIONS.mask() | Category.LAB_RESULTS.mask(),
                AttestationType.maskOf(Set.of(AttestationType.ACADEMIC_RESEARCHER, AttestationType.PUBLIC_HEALTH)),
                Purpose.maskOf(Set.of(Purpose.HRESCH, Purpose.PUBHLTH)), Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochSecond(1_900_000_000L), 1234, consumer);
    }

    @Test
    void javaDigest_equalsTheContractsDomainSeparatorAndTypedDataHash() {
        byte[] patientKey = key("patient digest");
        Signed<GrantTerms> s = f.sign(terms(address(patientKey), Optional.empty()), patientKey);
        EvmAddress registry = f.contracts().consent().orElseThrow().consentRegistry();

        Hash32 domain = Hash32.of((byte[]) f.reads().call(registry, ConsentCalls.domainSeparator(),
                new TypeReference<Bytes32>() {
                }).get(0));
        Hash32 digest = Hash32.of((byte[]) f.reads().call(registry, Abi.encode(ConsentRegistry.FUNC_HASHTYPEDDATA,
                new Bytes32(ConsentTypedData.structHash(s).bytes())), new TypeReference<Bytes32>() {
                }).get(0));

        assertThat(domain).isEqualTo(ConsentTypedData.domainSeparator(ConsentTypedData.CONSENT_NAME, 31337,
                registry));
        assertThat(digest).isEqualTo(f.consent().digest(s));
    }

    @Test
    void grantByPatient_isRecorded_andItsEventCarriesEveryField() {
        byte[] patientKey = key("patient grant");
        EvmAddress consumer = address(key("named consumer"));
        GrantTerms t = terms(address(patientKey), Optional.of(consumer));

        GrantReceipt r = f.consent().grant(f.sign(t, patientKey)).orElseThrow();

        List<ConsentEvent> events = f.consent().events(r.tx().blockNumber(), r.tx().blockNumber());
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

        GrantReceipt r = f.consent().grant(f.sign(t, patientKey)).orElseThrow();

        ConsentEvent.GrantRecorded e = (ConsentEvent.GrantRecorded) f.consent()
                .events(r.tx().blockNumber(), r.tx().blockNumber()).get(0);
        assertThat(e.grant().terms().namedConsumer()).isEmpty();
        assertThat(e.grant().terms()).isEqualTo(t);
    }

    @Test
    void revoke_emitsTheRevocationInItsBlock_andASecondRevokeIsRefused() {
        byte[] patientKey = key("patient revoke");
        long id = f.consent().grant(f.sign(terms(address(patientKey), Optional.empty()), patientKey)).orElseThrow()
                .grantId();

        TxRef tx = f.consent().revoke(f.sign(new Payloads.Revoke(id), patientKey)).orElseThrow();

        assertThat(f.consent().events(tx.blockNumber(), tx.blockNumber()))
                .containsExactly(new ConsentEvent.GrantRevoked(id, tx.blockNumber(), 0));
        Result<TxRef> again = f.consent().revoke(f.sign(new Payloads.Revoke(id), patientKey));
        assertThat(again.failure().code()).isEqualTo(ErrorCode.CONSENT_REVOKED);
    }

    @Test
    void revokeOfAnUnknownGrant_isGrantNotFound() {
        byte[] patientKey = key("patient unknown grant");
        assertThat(f.consent().revoke(f.sign(new Payloads.Revoke(999_999), patientKey)).failure().code())
                .isEqualTo(ErrorCode.GRANT_NOT_FOUND);
    }

    @Test
    void revokeByAStranger_isADelegationScopeFailure_andTheContractRefusesItToo() {
        byte[] patientKey = key("patient stranger revoke");
        byte[] strangerKey = key("stranger");
        long id = f.consent().grant(f.sign(terms(address(patientKey), Optional.empty()), patientKey)).orElseThrow()
                .grantId();

        Signed<Payloads.Revoke> s = f.sign(new Payloads.Revoke(id), strangerKey);

        assertThat(f.consent().revoke(s).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
        assertThat(f.revertOf(consentRegistry(), ConsentCalls.revoke(s))).contains("NotAuthorized");
    }

    @Test
    void delegateManagingConsent_grantsAndRevokesForThePatient() {
        byte[] patientKey = key("patient delegating");
        byte[] caregiverKey = key("caregiver manage");
        EvmAddress patient = address(patientKey);
        Instant until = ConsentFixture.inAnHour().plusSeconds(3600);
        TxRef d = f.consent().delegate(f.sign(new Payloads.Delegate(patient, address(caregiverKey),
                DelegationScope.MANAGE_CONSENT.mask() | DelegationScope.VIEW_RECORDS.mask(), until), patientKey))
                .orElseThrow();

        GrantReceipt g = f.consent().grant(f.sign(terms(patient, Optional.empty()), caregiverKey)).orElseThrow();
        TxRef revoked = f.consent().revoke(f.sign(new Payloads.Revoke(g.grantId()), caregiverKey)).orElseThrow();

        List<ConsentEvent> events = f.consent().events(d.blockNumber(), revoked.blockNumber());
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
        f.consent().delegate(f.sign(new Payloads.Delegate(patient, address(caregiverKey),
                DelegationScope.VIEW_RECORDS.mask(), ConsentFixture.inAnHour()), patientKey)).orElseThrow();

        Signed<GrantTerms> s = f.sign(terms(patient, Optional.empty()), caregiverKey);

        assertThat(f.consent().grant(s).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
        assertThat(f.revertOf(consentRegistry(), ConsentCalls.grant(s))).contains("NotAuthorized");
    }

    @Test
    void expiredDelegation_cannotGrant() {
        byte[] patientKey = key("patient expired delegation");
        byte[] caregiverKey = key("caregiver expired");
        EvmAddress patient = address(patientKey);
        f.consent().delegate(f.sign(new Payloads.Delegate(patient, address(caregiverKey),
                DelegationScope.MANAGE_CONSENT.mask(), Instant.now().minusSeconds(3600)), patientKey)).orElseThrow();

        Signed<GrantTerms> s = f.sign(terms(patient, Optional.empty()), caregiverKey);

        assertThat(f.consent().grant(s).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
        assertThat(f.revertOf(consentRegistry(), ConsentCalls.grant(s))).contains("NotAuthorized");
    }

    @Test
    void revokedDelegation_cannotGrantAnyMore() {
        byte[] patientKey = key("patient revoked delegation");
        byte[] caregiverKey = key("caregiver revoked");
        EvmAddress patient = address(patientKey);
        f.consent().delegate(f.sign(new Payloads.Delegate(patient, address(caregiverKey),
                DelegationScope.MANAGE_CONSENT.mask(), ConsentFixture.inAnHour()), patientKey)).orElseThrow();
        f.consent().delegate(f.sign(new Payloads.Delegate(patient, address(caregiverKey), 0,
                ConsentFixture.inAnHour()), patientKey)).orElseThrow();

        assertThat(f.consent().grant(f.sign(terms(patient, Optional.empty()), caregiverKey)).failure().code())
                .isEqualTo(ErrorCode.DELEGATION_SCOPE);
    }

    @Test
    void malformedTerms_areAnInvalidGrant_beforeAndOnChain() {
        byte[] patientKey = key("patient malformed");
        EvmAddress patient = address(patientKey);
        GrantTerms noPurpose = new GrantTerms(patient, 1, 1, 0, Instant.ofEpochSecond(10), Instant.ofEpochSecond(20),
                0, Optional.empty());
        GrantTerms backwards = new GrantTerms(patient, 1, 1, 1, Instant.ofEpochSecond(20), Instant.ofEpochSecond(10),
                0, Optional.empty());

        for (GrantTerms t : List.of(noPurpose, backwards)) {
            Signed<GrantTerms> s = f.sign(t, patientKey);
            assertThat(f.consent().grant(s).failure().code()).isEqualTo(ErrorCode.INVALID_GRANT);
            assertThat(f.revertOf(consentRegistry(), ConsentCalls.grant(s))).contains("InvalidTerms");
        }
    }

    @Test
    void relayingTheSameSignedGrantTwice_createsOneGrant_theSecondIsNonceUsed() {
        byte[] patientKey = key("patient relay twice");
        Signed<GrantTerms> s = f.sign(terms(address(patientKey), Optional.empty()), patientKey);
        GrantReceipt first = f.consent().grant(s).orElseThrow();
        long head = f.consent().headBlock();

        Result<GrantReceipt> second = f.consent().grant(s);

        assertThat(second.failure().code()).isEqualTo(ErrorCode.NONCE_USED);
        assertThat(f.consent().headBlock()).isEqualTo(head);
        assertThat(f.consent().events(first.tx().blockNumber(), head).stream()
                .filter(e -> e instanceof ConsentEvent.GrantRecorded g
                        && g.grant().signer().equals(address(patientKey))))
                .hasSize(1);
    }

    @Test
    void concurrentRelaysOfTheSameSignedGrant_recordOneGrant_theOthersAreNonceUsed() throws Exception {
        byte[] patientKey = key("patient concurrent relays");
        Signed<GrantTerms> s = f.sign(terms(address(patientKey), Optional.empty()), patientKey);
        List<Result<GrantReceipt>> results;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Result<GrantReceipt>>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> f.consent().grant(s)));
            }
            results = new java.util.ArrayList<>();
            for (var fu : futures) {
                results.add(fu.get());
            }
        }

        assertThat(results.stream().filter(Result::isOk)).hasSize(1);
        assertThat(results.stream().filter(r -> !r.isOk()).map(r -> r.failure().code()))
                .containsOnly(ErrorCode.NONCE_USED);
        assertThat(f.consent().nextNonce(address(patientKey), GrantTerms.class)).isEqualTo(1);
    }

    @Test
    void nextNonce_countsTheSignersInstructionsPerContract() {
        byte[] patientKey = key("patient nonces");
        EvmAddress patient = address(patientKey);
        assertThat(f.consent().nextNonce(patient, GrantTerms.class)).isZero();

        f.consent().grant(f.sign(terms(patient, Optional.empty()), patientKey)).orElseThrow();

        assertThat(f.consent().nextNonce(patient, GrantTerms.class)).isEqualTo(1);
        assertThat(f.consent().nextNonce(patient, Payloads.Revoke.class)).isEqualTo(1);
        assertThat(f.consent().nextNonce(patient, Payloads.Attest.class)).isZero();
    }

    @Test
    void logAccess_emitsAnEventThatDecodesWithItsTransaction() {
        Hash32 audit = Hash32.of(key("audit event 1"));
        Hash32 pseudonym = Hash32.of(key("pseudonym of a patient"));
        EvmAddress requester = address(key("requester logged"));

        TxRef tx = f.consent().logAccess(audit, pseudonym, requester, Category.LAB_RESULTS.mask(), Purpose.HRESCH);

        assertThat(f.consent().events(tx.blockNumber(), tx.blockNumber())).containsExactly(
                new ConsentEvent.AccessLogged(audit, pseudonym, requester, Category.LAB_RESULTS.mask(),
                        Purpose.HRESCH, tx.txHash(), tx.blockNumber(), 0));
    }

    @Test
    void events_acrossARangeOfMixedKinds_comeBackInChainOrder() {
        byte[] patientKey = key("patient mixed");
        byte[] caregiverKey = key("caregiver mixed");
        EvmAddress patient = address(patientKey);
        long from = f.consent().headBlock() + 1;
        f.consent().delegate(f.sign(new Payloads.Delegate(patient, address(caregiverKey),
                DelegationScope.MANAGE_CONSENT.mask(), ConsentFixture.inAnHour()), patientKey)).orElseThrow();
        long id = f.consent().grant(f.sign(terms(patient, Optional.empty()), caregiverKey)).orElseThrow().grantId();
        f.consent().logAccess(Hash32.of(key("audit mixed")), Hash32.of(key("pseudonym mixed")), address(key("reader")),
                1, Purpose.TREAT);
        f.consent().trustIssuer(address(key("issuer mixed")), AttestationType.PHARMA.mask()).orElseThrow();
        TxRef last = f.consent().revoke(f.sign(new Payloads.Revoke(id), patientKey)).orElseThrow();

        List<ConsentEvent> mine = f.consent().events(from, last.blockNumber());

        assertThat(mine).extracting(e -> e.getClass().getSimpleName()).containsSubsequence("DelegationSet",
                "GrantRecorded", "AccessLogged", "IssuerTrusted", "GrantRevoked");
        for (int i = 1; i < mine.size(); i++) {
            ConsentEvent a = mine.get(i - 1);
            ConsentEvent b = mine.get(i);
            assertThat(a.block() < b.block() || (a.block() == b.block() && a.logIndex() < b.logIndex())).isTrue();
        }
    }

    static EvmAddress consentRegistry() {
        return f.contracts().consent().orElseThrow().consentRegistry();
    }
}
