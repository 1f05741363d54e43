package io.salus.node.web.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.AuditVerifier;
import io.salus.core.usecase.consent.AuditVerifier.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    private static final AccountId PATIENT = new AccountId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    private static final AccountId REQUESTER = new AccountId(UUID.fromString("00000000-0000-0000-0000-000000000002"));

    private static AuditVerifier.Check check(Status status, String detail, boolean permitted) {
        Decision d = permitted
                ? Decision.permitByGrant(7, "grant 7 allows it")
                : Decision.deny(ErrorCode.FORBIDDEN, "no grant covers it");
        AuditEntry e = new AuditEntry(UUID.randomUUID(), REQUESTER, PATIENT, Category.LAB_RESULTS, Purpose.HRESCH,
                Instant.parse("2026-01-01T10:00:00Z"), d, new byte[]{1}, Hash32.ZERO,
                permitted ? Optional.of("0xabc") : Optional.empty(), permitted ? Optional.of(42L) : Optional.empty());
        return new AuditVerifier.Check(e, status, detail);
    }

    @Test
    void eachStatus_becomesItsVisibleVerdict() {
        assertThat(AuditRow.of(check(Status.VERIFIED, "AccessLog event in block 42", true)).verdict())
                .isEqualTo("verified");
        assertThat(AuditRow.of(check(Status.MISMATCH, "the chain names another purpose (TREAT)", true)).verdict())
                .isEqualTo("MISMATCH: the chain names another purpose (TREAT)");
        assertThat(AuditRow.of(check(Status.MISSING_ON_CHAIN, "no AccessLog event carries this hash", true))
                .verdict()).isEqualTo("missing on chain");
        assertThat(AuditRow.of(check(Status.DENIAL_OFF_CHAIN, "denials are audited off chain only", false))
                .verdict()).isEqualTo("verified (denial, audited off chain)");
        assertThat(AuditRow.of(check(Status.PENDING, "not mined yet", true)).verdict()).isEqualTo("pending");
    }

    @Test
    void aRow_carriesTheEntryAndItsChainReference() {
        AuditRow r = AuditRow.of(check(Status.VERIFIED, "ok", true));

        assertThat(r.patientId()).isEqualTo(PATIENT.toString());
        assertThat(r.requesterId()).isEqualTo(REQUESTER.toString());
        assertThat(r.decision()).isEqualTo("PERMIT");
        assertThat(r.txHash()).isEqualTo("0xabc");
        assertThat(r.block()).isEqualTo("42");
        assertThat(r.bad()).isFalse();
    }

    @Test
    void aTrailWithOneMismatch_isNotVerifiedAndSaysSo() {
        AuditTrail t = AuditTrail.of(AuditTrail.Subject.PATIENT, PATIENT.toString(), List.of(
                check(Status.VERIFIED, "ok", true), check(Status.DENIAL_OFF_CHAIN, "off chain", false),
                check(Status.MISMATCH, "the chain names another grant (8)", true), check(Status.PENDING, "", true)));

        assertThat(t.verified()).isFalse();
        assertThat(t.good()).isEqualTo(2);
        assertThat(t.bad()).isEqualTo(1);
        assertThat(t.pending()).isEqualTo(1);
        assertThat(t.summary()).isEqualTo(
                "4 entries: 2 verified, 1 failing, 1 pending. The trail does NOT match the chain.");
    }

    @Test
    void aTrailOfVerifiedRowsAndDenials_isVerified() {
        AuditTrail t = AuditTrail.of(AuditTrail.Subject.REQUESTER, REQUESTER.toString(), List.of(
                check(Status.VERIFIED, "ok", true), check(Status.DENIAL_OFF_CHAIN, "off chain", false)));

        assertThat(t.verified()).isTrue();
        assertThat(t.summary()).endsWith("The trail matches the chain.");
    }

    @Test
    void anEmptyTrail_saysSo() {
        assertThat(AuditTrail.of(AuditTrail.Subject.PATIENT, "x", List.of()).summary()).isEqualTo(
                "No audit entries.");
    }
}
