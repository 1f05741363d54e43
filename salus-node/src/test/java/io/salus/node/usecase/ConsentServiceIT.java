package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.store.Database;
import io.salus.testkit.chain.ConsentSigner;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConsentService} on the EVM consent ledger and the PostgreSQL projection: only the patient or a delegate
 * managing their consent grants, revokes and lists; malformed terms are refused before anything is signed or sent;
 * client-side signatures are relayed only when the signer's own key made them; after a write the projection shows it.
 */
@WithPostgres
@WithChain
class ConsentServiceIT {
    @TempDir
    static Path dir;
    static Adapters a;
    static Adapters.Consent c;
    static ConsentService consents;
    Account patient;

    @BeforeAll
    static void start(Database db, TestChain chain) {
        a = new Adapters(db, chain, dir);
        c = a.consent();
        consents = c.service();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    @BeforeEach
    void aPatient() {
        patient = a.open(AccountKind.PATIENT, "Consenting patient");
    }

    GrantTerms terms(long categories, int purposes) {
        Instant now = Instant.ofEpochSecond(a.clock.instant().getEpochSecond());
        return new GrantTerms(patient.address(), categories, AttestationType.ACADEMIC_RESEARCHER.mask(), purposes,
                now.minusSeconds(60), now.plus(Duration.ofDays(30)), 0, Optional.empty());
    }

    GrantTerms researchOnLabResults() {
        return terms(Category.LAB_RESULTS.mask(), Purpose.HRESCH.mask());
    }

    Account delegate(int scopes) {
        Account caregiver = a.open(AccountKind.CAREGIVER, "Caregiver");
        consents.delegateCustodial(patient, caregiver.address(), scopes,
                Instant.ofEpochSecond(a.clock.instant().plus(Duration.ofDays(7)).getEpochSecond())).orElseThrow();
        return caregiver;
    }

    @Test
    void aPatientsGrant_isRecordedOnChain_andListedFromTheProjection() {
        GrantTerms terms = researchOnLabResults();
        long id = consents.grantCustodial(patient, terms).orElseThrow().grantId();

        assertThat(consents.list(patient, patient.id()).orElseThrow()).singleElement().satisfies(g -> {
            assertThat(g.id()).isEqualTo(id);
            assertThat(g.terms()).isEqualTo(terms);
            assertThat(g.signer()).isEqualTo(patient.address());
            assertThat(g.revokedAtBlock()).isEmpty();
        });
    }

    @Test
    void concurrentGrantsOfManyPatients_shareTransactions_andEachIsListedWhenItsCallReturns() throws Exception {
        List<Account> crowd = IntStream.range(0, 12).mapToObj(i -> a.open(AccountKind.PATIENT, "Crowd " + i)).toList();
        EvmAddress relayer = a.chain.ledger().relayer();
        long sent = a.chain.nonceOf(relayer);

        GrantTerms window = researchOnLabResults();
        try (ExecutorService pool = Executors.newFixedThreadPool(crowd.size())) {
            List<Future<?>> calls = crowd.stream().<Future<?>>map(p -> pool.submit(() -> {
                GrantTerms t = new GrantTerms(p.address(), Category.LAB_RESULTS.mask(),
                        AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(),
                        window.validFrom(), window.validUntil(), 0, Optional.empty());
                long id = consents.grantCustodial(p, t).orElseThrow().grantId();
                assertThat(consents.list(p, p.id()).orElseThrow()).extracting(Grant::id).containsExactly(id);
            })).toList();
            for (Future<?> call : calls) {
                call.get();
            }
        }

        assertThat(a.chain.nonceOf(relayer) - sent).as("transactions for 12 grants").isLessThan(crowd.size());
    }

    @Test
    void aStranger_cannotGrantRevokeOrListForThePatient() {
        Account stranger = a.open(AccountKind.CONSUMER, "Stranger");
        long id = consents.grantCustodial(patient, researchOnLabResults()).orElseThrow().grantId();

        assertThat(consents.grantCustodial(stranger, researchOnLabResults()).failure().code())
                .isEqualTo(ErrorCode.DELEGATION_SCOPE);
        assertThat(consents.revokeCustodial(stranger, id).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
        assertThat(consents.list(stranger, patient.id()).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
        assertThat(consents.list(patient, patient.id()).orElseThrow()).singleElement()
                .satisfies(g -> assertThat(g.revokedAtBlock()).isEmpty());
    }

    @Test
    void aDelegateManagingConsent_grantsWithinItsDelegationAndRevokesForThePatient_oneWhoMayOnlyViewRecordsCannot() {
        Account manager = delegate(DelegationScope.MANAGE_CONSENT.mask());
        Account viewer = delegate(DelegationScope.VIEW_RECORDS.mask());

        GrantTerms thirtyDays = researchOnLabResults();
        GrantTerms withinTheDelegation = new GrantTerms(thirtyDays.patient(), thirtyDays.categories(),
                thirtyDays.attestationTypes(), thirtyDays.purposes(), thirtyDays.validFrom(),
                thirtyDays.validFrom().plus(Duration.ofDays(5)), 0, Optional.empty());

        assertThat(consents.grantCustodial(manager, thirtyDays).failure().code())
                .as("a delegate's grant ends with its delegation (7 days) at the latest")
                .isEqualTo(ErrorCode.DELEGATE_GRANT_OUTLASTS_DELEGATION);
        long id = consents.grantCustodial(manager, withinTheDelegation).orElseThrow().grantId();
        assertThat(consents.grantCustodial(viewer, withinTheDelegation).failure().code())
                .isEqualTo(ErrorCode.DELEGATION_SCOPE);
        consents.revokeCustodial(manager, id).orElseThrow();

        Grant g = consents.list(manager, patient.id()).orElseThrow().get(0);
        assertThat(g.signer()).isEqualTo(manager.address());
        assertThat(g.revokedAtBlock()).isPresent();
        assertThat(consents.list(viewer, patient.id()).failure().code()).isEqualTo(ErrorCode.DELEGATION_SCOPE);
    }

    @Test
    void malformedTerms_areAnInvalidGrant_andNothingIsRecorded() {
        GrantTerms noPurpose = terms(Category.LAB_RESULTS.mask(), 0);
        GrantTerms noCategory = terms(0, Purpose.HRESCH.mask());

        assertThat(consents.grantCustodial(patient, noPurpose).failure().code()).isEqualTo(ErrorCode.INVALID_GRANT);
        assertThat(consents.grantCustodial(patient, noCategory).failure().code()).isEqualTo(ErrorCode.INVALID_GRANT);
        assertThat(consents.list(patient, patient.id()).orElseThrow()).isEmpty();
    }

    @Test
    void revokingAnUnknownGrant_isGrantNotFound_andRevokingTwice_isConsentRevoked() {
        long id = consents.grantCustodial(patient, researchOnLabResults()).orElseThrow().grantId();
        consents.revokeCustodial(patient, id).orElseThrow();

        assertThat(consents.revokeCustodial(patient, id).failure().code()).isEqualTo(ErrorCode.CONSENT_REVOKED);
        assertThat(consents.revokeCustodial(patient, Long.MAX_VALUE / 2).failure().code())
                .isEqualTo(ErrorCode.GRANT_NOT_FOUND);
    }

    @Test
    void onlyAPatientDelegates_andAnUnknownPatientHasNoConsentsToList() {
        Account caregiver = a.open(AccountKind.CAREGIVER, "Would-be delegator");

        assertThat(consents.delegateCustodial(caregiver, patient.address(), DelegationScope.VIEW_RECORDS.mask(),
                Instant.ofEpochSecond(a.clock.instant().plus(Duration.ofDays(1)).getEpochSecond())).failure()
                .code()).isEqualTo(ErrorCode.NOT_A_PATIENT);
        assertThat(consents.list(patient, AccountId.random()).failure().code())
                .isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
    }

    @Test
    void aClientSignedGrant_isRelayedWhenThePatientsOwnKeySignedIt_andRefusedWhenAnotherKeyDid() {
        CustodialSigner.Prepared<GrantTerms> prepared = consents.prepare(researchOnLabResults(), patient.address());
        byte[] patientKey = a.keys.unsealSigningKey(patient.address(),
                a.accounts.sealedKeys(patient.id()).orElseThrow().signingPrivateKey()).orElseThrow();
        byte[] otherKey = a.chain.key("not the patient");
        EvmSigner signer = new EvmSigner();

        Signed<GrantTerms> forged = ConsentSigner.withSignature(prepared.unsigned(),
                signer.sign(prepared.digest(), otherKey));
        Signed<GrantTerms> signed = ConsentSigner.withSignature(prepared.unsigned(),
                signer.sign(prepared.digest(), patientKey));

        assertThat(consents.relayGrant(forged).failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        long id = consents.relayGrant(signed).orElseThrow().grantId();
        assertThat(consents.list(patient, patient.id()).orElseThrow()).extracting(Grant::id).containsExactly(id);
    }
}
