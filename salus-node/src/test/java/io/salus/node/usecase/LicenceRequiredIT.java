package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.consent.Decision;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.LicencePolicy;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.PresentedAttestations;
import io.salus.core.record.Category;
import io.salus.core.usecase.DepositReceipt;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.core.usecase.credential.ProviderLicences;
import io.salus.fhir.FeatureExtractor;
import io.salus.fhir.HapiBundleParser;
import io.salus.store.Database;
import io.salus.testkit.Bundles;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that requires licences ({@code salus.providers.licence-required=true}, {@link LicencePolicy#of}(true)) on
 * the real projections: a physician holding only an on-chain licence attestation (no presented credential) is denied
 * every read and its deposits are refused, while the same decision point without the requirement permits the read, and
 * consumers are not concerned.
 */
@WithPostgres
@WithChain
class LicenceRequiredIT {
    @TempDir
    static Path dir;
    static Adapters a;
    static Adapters.Consent c;
    static DecisionPoint requiring;
    static Account physician;
    static Account patient;

    @AfterAll
    static void stop() {
        c.close();
    }

    @BeforeAll
    static void start(Database db, TestChain chain) {
        a = new Adapters(db, chain, dir);
        c = a.consent();
        requiring = new DecisionPoint(c.sync(), a.consents, new ConsentPolicy(), PresentedAttestations.NONE,
                LicencePolicy.of(true));
        Account board = a.trustedIssuer(c, AttestationType.PHYSICIAN_LICENCE.mask());
        physician = a.open(AccountKind.PHYSICIAN, "Dr Unpresented " + UUID.randomUUID());
        Instant now = a.clock.instant();
        c.attestations().attest(board, new Payloads.Attest(physician.address(), AttestationType.PHYSICIAN_LICENCE,
                Purpose.TREAT.mask(), seconds(now.minus(Duration.ofDays(1))), seconds(now.plus(Duration.ofDays(9)))))
                .orElseThrow();
        patient = a.open(AccountKind.PATIENT, "Licensing patient");
        c.service().grantCustodial(patient, new GrantTerms(patient.address(), Category.LAB_RESULTS.mask(),
                AttestationType.PHYSICIAN_LICENCE.mask(), Purpose.TREAT.mask(), seconds(now.minusSeconds(60)),
                seconds(now.plus(Duration.ofDays(30))), 0, Optional.empty())).orElseThrow();
    }

    static Instant seconds(Instant t) {
        return Instant.ofEpochSecond(t.getEpochSecond());
    }

    private static Decision decide(DecisionPoint dp) {
        return dp.decide(physician, patient, List.of(Category.LAB_RESULTS), Purpose.TREAT, a.clock.instant())
                .decisions().get(0);
    }

    @Test
    void unpresentedLicence_isDeniedEveryRead_whereLicencesAreRequired_andPermittedWhereTheyAreNot() {
        assertThat(decide(c.decisionPoint()).permitted()).isTrue();
        Decision d = decide(requiring);
        assertThat(d.permitted()).isFalse();
        assertThat(d.code()).contains(ErrorCode.LICENCE_REQUIRED);
        assertThat(requiring.licensing(a.open(AccountKind.CONSUMER, "Lab"), a.clock.instant()).refusal()).isEmpty();
    }

    @Test
    void unlicensedProvidersDeposit_isRefusedBeforeAnythingIsStored_whereLicencesAreRequired() {
        Account hospital = a.open(AccountKind.HOSPITAL, "Unlicensed hospital");
        a.accounts.linkProvider(patient.id(), hospital.id());
        DepositService deposits = new DepositService(a.accounts, a.records, a.keys, new HapiBundleParser(),
                new FeatureExtractor(), x -> {
                }, a.clock, ProviderLicences.admission(requiring, a.clock));
        Result<DepositReceipt> r = deposits.deposit(new DepositService.Command(hospital, patient.id(),
                Bundles.patientWithObservations("lic-" + UUID.randomUUID(), 1), Optional.empty(), "test"));
        assertThat(r.failure().code()).isEqualTo(ErrorCode.LICENCE_REQUIRED);
        assertThat(a.records.listByPatient(patient.id())).isEmpty();
        assertThat(deposits.deposit(new DepositService.Command(patient, patient.id(),
                Bundles.patientWithObservations("lic-" + UUID.randomUUID(), 1), Optional.empty(), "test")).isOk())
                .as("the patient's own deposit is not a provider's").isTrue();
    }
}
