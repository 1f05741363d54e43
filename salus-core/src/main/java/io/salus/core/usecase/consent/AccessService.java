package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.port.AuditLog;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.Outbox;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.RecordService;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A non-owner's request for a patient's records for a purpose. Every decision is audited (a FHIR AuditEvent in
 * PostgreSQL, denials included). A permitted category is released only after its audit entry is stored and its
 * AccessLog event, referencing the entry by hash, is mined; if either fails, nothing is released. Thread-safe.
 */
public final class AccessService {
    private final AccountStore accounts;
    private final RecordStore records;
    private final RecordService opener;
    private final DecisionPoint decisionPoint;
    private final AuditLog audit;
    private final AuditEventFormatter formatter;
    private final ConsentLedger ledger;
    private final Outbox outbox;
    private final Clock clock;

    public AccessService(AccountStore accounts, RecordStore records, RecordService opener,
            DecisionPoint decisionPoint, AuditLog audit, AuditEventFormatter formatter, ConsentLedger ledger,
            Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.records = records;
        this.opener = opener;
        this.decisionPoint = decisionPoint;
        this.audit = audit;
        this.formatter = formatter;
        this.ledger = ledger;
        this.outbox = outbox;
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
        List<AuditEntry> entries = new ArrayList<>();
        List<OutboxMessage> logs = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            Decision d = decided.decisions().get(i);
            UUID id = UUID.randomUUID();
            byte[] json = formatter.format(id, requester, patient.get(), categories.get(i), purpose, at, d);
            AuditEntry e = new AuditEntry(id, requester.id(), patient.get().id(), categories.get(i), purpose, at, d,
                    json, Hashing.keccak256(json), Optional.empty(), Optional.empty());
            entries.add(e);
            if (d.permitted()) {
                logs.add(logMessage(e, requester, patient.get()));
            }
        }
        try {
            audit.record(entries, logs);
        } catch (SalusException ex) {
            return Result.fail(ErrorCode.AUDIT_UNAVAILABLE, "the audit trail cannot be written: nothing released");
        }
        List<AuditEntry> permitted = entries.stream().filter(e -> e.decision().permitted()).toList();
        if (permitted.isEmpty()) {
            Decision first = entries.get(0).decision();
            return Result.fail(new Failure(first.code().orElseThrow(), first.reason() + " (audited as a denial)",
                    List.of()));
        }
        List<AuditEntry> logged = new ArrayList<>();
        for (AuditEntry e : permitted) {
            try {
                TxRef tx = ledger.logAccess(e.auditHash(), patient.get().address(), requester.address(),
                        e.category().mask(), purpose, e.decision().grantId().orElse(0L));
                audit.markLogged(e.id(), tx.txHash(), tx.blockNumber());
                outbox.completeByKey(OutboxKinds.ACCESS_LOG, e.id().toString(), Map.of("txHash", tx.txHash()),
                        clock.instant());
                logged.add(new AuditEntry(e.id(), e.requester(), e.patient(), e.category(), e.purpose(), e.at(),
                        e.decision(), e.auditEventJson(), e.auditHash(), Optional.of(tx.txHash()),
                        Optional.of(tx.blockNumber())));
            } catch (SalusException ex) {
                return Result.fail(ErrorCode.AUDIT_UNAVAILABLE,
                        "the access could not be logged on chain: nothing released (" + ex.getMessage() + ")");
            }
        }
        return releaseRecords(patient.get(), decided.block(), entries, logged);
    }

    private Result<Release> releaseRecords(Account patient, long block, List<AuditEntry> all,
            List<AuditEntry> logged) {
        EnumSet<Category> allowed = EnumSet.noneOf(Category.class);
        logged.forEach(e -> allowed.add(e.category()));
        List<Release.ReleasedRecord> out = new ArrayList<>();
        for (RecordSummary s : records.listByPatient(patient.id())) {
            if (!allowed.contains(s.category())) {
                continue;
            }
            Optional<StoredRecord> r = records.find(s.id());
            if (r.isEmpty()) {
                continue;
            }
            Result<RecordService.Opened> opened = opener.openForRelease(r.get());
            if (!opened.isOk()) {
                return Result.fail(opened.failure());
            }
            out.add(new Release.ReleasedRecord(s.id(), s.category(), s.resourceType(), opened.orElseThrow().json()));
        }
        List<AuditEntry> merged = new ArrayList<>(all.size());
        for (AuditEntry e : all) {
            merged.add(logged.stream().filter(l -> l.id().equals(e.id())).findFirst().orElse(e));
        }
        return Result.ok(new Release(block, merged, out));
    }

    static OutboxMessage logMessage(AuditEntry e, Account requester, Account patient) {
        return new OutboxMessage(OutboxKinds.ACCESS_LOG, e.id().toString(),
                Map.of("entryId", e.id().toString(), "auditHash", e.auditHash().hex(), "requester",
                        requester.address().hex(), "patient", patient.address().hex(), "categories",
                        Long.toString(e.category().mask()), "purpose", e.purpose().name(), "grantId",
                        Long.toString(e.decision().grantId().orElse(0L))));
    }
}
