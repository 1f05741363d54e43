package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.usecase.RecordService;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A non-owner's request for a patient's records for a purpose. Every decision is audited (a FHIR AuditEvent in
 * PostgreSQL, denials included). A permitted category is released only after its audit entry is stored and its
 * AccessLog event, referencing the entry by hash, is mined; if either fails, nothing is released. Thread-safe.
 */
public final class AccessService {
    private final AccountStore accounts;
    private final ReleasedRecords released;
    private final DecisionPoint decisionPoint;
    private final AuditedRelease release;
    private final Clock clock;

    public AccessService(AccountStore accounts, RecordStore records, RecordService opener,
            DecisionPoint decisionPoint, DelegatedRecords.AuditTrail trail, Clock clock) {
        this.accounts = accounts;
        this.released = new ReleasedRecords(records, opener);
        this.decisionPoint = decisionPoint;
        this.release = new AuditedRelease(trail.audit(), trail.formatter(), trail.ledger(), trail.outbox(),
                trail.pseudonyms(), clock);
        this.clock = clock;
    }

    public Result<Release> request(Account requester, AccountId patientId, Purpose purpose,
            List<Category> asked) {
        if (EnumSet.of(AccountKind.OPERATOR, AccountKind.ISSUER, AccountKind.AUDITOR).contains(requester.kind())) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, requester.kind() + " accounts do not read health data");
        }
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty() || patient.get().kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        if (patient.get().id().equals(requester.id())) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "read your own records at /patients/{id}/records");
        }
        List<Category> categories = asked.isEmpty() ? List.of(Category.values()) : List.copyOf(asked);
        var at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DecisionPoint.Decided decided = decisionPoint.decide(requester, patient.get(), categories, purpose, at);
        return release.audit(requester, patient.get(), purpose, at, decided)
                .flatMap(a -> releaseRecords(patient.get(), decided.block(), a));
    }

    private Result<Release> releaseRecords(Account patient, long block, AuditedRelease.Audited audited) {
        return released.of(patient.id(), audited.released())
                .map(out -> new Release(block, audited.entries(), out));
    }

    static OutboxMessage logMessage(AuditEntry e, Account requester, Hash32 patientPseudonym) {
        return new OutboxMessage(OutboxKinds.ACCESS_LOG, e.id().toString(),
                Map.of("entryId", e.id().toString(), "auditHash", e.auditHash().hex(), "requester",
                        requester.address().hex(), "patientPseudonym", patientPseudonym.hex(), "categories",
                        Long.toString(e.category().mask()), "purpose", e.purpose().name()));
    }
}
