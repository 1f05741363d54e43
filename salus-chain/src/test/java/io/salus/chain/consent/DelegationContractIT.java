package io.salus.chain.consent;

import static io.salus.chain.consent.ConsentFixture.address;
import static io.salus.chain.consent.ConsentFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the patient states a delegation's scopes: a delegate managing the patient's consent can neither widen its own
 * delegation nor delegate to someone else. Refused by the ledger before sending, and by the contract on its own.
 */
class DelegationContractIT {
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

    static ConsentAddresses consent() {
        return f.contracts().consent().orElseThrow();
    }

    @Test
    void aDelegateManagingConsent_cannotWidenItsDelegationOrDelegateFurther_andTheContractRevertsWrongSigner() {
        byte[] patientKey = key("patient stating scopes");
        byte[] managerKey = key("manager widening");
        EvmAddress patient = address(patientKey);
        EvmAddress manager = address(managerKey);
        Instant until = ConsentFixture.inAnHour();
        f.consent().delegate(f.sign(new Payloads.Delegate(patient, manager, DelegationScope.MANAGE_CONSENT.mask(),
                until), patientKey)).orElseThrow();
        long head = f.consent().headBlock();

        Signed<Payloads.Delegate> widen = f.sign(new Payloads.Delegate(patient, manager, 7, until.plusSeconds(86_400)),
                managerKey);
        Signed<Payloads.Delegate> further = f.sign(new Payloads.Delegate(patient, address(key("third party")),
                DelegationScope.VIEW_RECORDS.mask(), until), managerKey);

        for (Signed<Payloads.Delegate> s : List.of(widen, further)) {
            assertThat(f.consent().delegate(s).failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
            assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.delegate(s))).contains("WrongSigner");
        }
        assertThat(f.consent().headBlock()).as("nothing was sent").isEqualTo(head);
        List<ConsentEvent> all = f.consent().events(0, f.consent().headBlock());
        assertThat(all).filteredOn(e -> e instanceof ConsentEvent.DelegationSet d && d.delegation().patient()
                .equals(patient)).as("only the patient's own delegation").hasSize(1);
    }

    @Test
    void delegateGrantNamingItself_orOutlastingItsDelegation_isRefused_byTheLedgerAndByTheContract() {
        byte[] patientKey = key("patient of a scheming delegate");
        byte[] delegateKey = key("scheming delegate");
        EvmAddress patient = address(patientKey);
        EvmAddress delegate = address(delegateKey);
        Instant until = ConsentFixture.inAnHour();
        f.consent().delegate(f.sign(new Payloads.Delegate(patient, delegate, DelegationScope.MANAGE_CONSENT.mask(),
                until), patientKey)).orElseThrow();
        long head = f.consent().headBlock();
        Instant from = until.minusSeconds(600);

        Signed<GrantTerms> toItself = f.sign(terms(patient, from, until, Optional.of(delegate)), delegateKey);
        assertThat(f.consent().grant(toItself).failure().code()).isEqualTo(ErrorCode.DELEGATE_GRANT_TO_ITSELF);
        assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.grant(toItself)))
                .contains("DelegateNamesItself");

        Signed<GrantTerms> until2099 = f.sign(terms(patient, from, Instant.parse("2099-01-01T00:00:00Z"),
                Optional.empty()), delegateKey);
        assertThat(f.consent().grant(until2099).failure().code())
                .isEqualTo(ErrorCode.DELEGATE_GRANT_OUTLASTS_DELEGATION);
        assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.grant(until2099)))
                .contains("BeyondDelegation");
        assertThat(f.consent().headBlock()).as("nothing was sent").isEqualTo(head);

        Signed<GrantTerms> within = f.sign(terms(patient, from, until, Optional.empty()), delegateKey);
        assertThat(f.consent().grant(within).isOk()).as("a grant inside the delegation is recorded").isTrue();
        Signed<GrantTerms> patientsOwn = f.sign(terms(patient, from, Instant.parse("2099-01-01T00:00:00Z"),
                Optional.empty()), patientKey);
        assertThat(f.consent().grant(patientsOwn).isOk()).as("the patient's own grant is not limited").isTrue();
    }

    static GrantTerms terms(EvmAddress patient, Instant from, Instant until, Optional<EvmAddress> named) {
        return new GrantTerms(patient, Category.CONDITIONS.mask(), AttestationType.ACADEMIC_RESEARCHER.mask(),
                Purpose.HRESCH.mask(), from, until, 0, named);
    }
}
