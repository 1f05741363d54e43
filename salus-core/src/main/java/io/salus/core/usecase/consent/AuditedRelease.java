package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.AccessPseudonyms;
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
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.port.AuditLog;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.Outbox;
import io.salus.core.record.Category;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit steps of every non-owner's read ({@link AccessService}, {@link DelegatedRecords}): every decision is stored as a FHIR
 * AuditEvent (denials included) together with an {@code access-log} outbox message per permit, in one transaction;
 * then each permit's AccessLog event, carrying the AuditEvent's hash and the patient's pseudonym for this access, is
 * mined. Only the categories whose event was
 * mined may be released. If the audit write or a chain log fails, nothing may be released
 * ({@code AUDIT_UNAVAILABLE}); if nothing is permitted, the first denial's code is returned. Also the audit step of
 * emergency (break-glass) access ({@code usecase.emergency}). Thread-safe.
 */
public final class AuditedRelease {
    private final AuditLog audit;
    private final AuditEventFormatter formatter;
    private final ConsentLedger ledger;
    private final Outbox outbox;
    private final AccessPseudonyms pseudonyms;
    private final Clock clock;

    public AuditedRelease(AuditLog audit, AuditEventFormatter formatter, ConsentLedger ledger, Outbox outbox,
            AccessPseudonyms pseudonyms, Clock clock) {
        this.audit = audit;
        this.formatter = formatter;
        this.ledger = ledger;
        this.outbox = outbox;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /**
     * What was audited: every entry (permits carry their AccessLog transaction) and the categories that may be
     * released (permitted, audited and logged on chain).
     */
    public record Audited(List<AuditEntry> entries, EnumSet<Category> released) {
    }

    /** The categories that may be released: permitted, audited and logged on chain. */
    Result<EnumSet<Category>> record(Account requester, Account patient, Purpose purpose, Instant at,
            DecisionPoint.Decided decided) {
        return audit(requester, patient, purpose, at, decided).map(Audited::released);
    }

    /** Audits every decision and logs every permit on chain, as the class describes. */
    public Result<Audited> audit(Account requester, Account patient, Purpose purpose, Instant at,
            DecisionPoint.Decided decided) {
        List<AuditEntry> entries = new ArrayList<>();
        List<OutboxMessage> logs = new ArrayList<>();
        for (int i = 0; i < decided.categories().size(); i++) {
            Decision d = decided.decisions().get(i);
            UUID id = UUID.randomUUID();
            Category category = decided.categories().get(i);
            byte[] json = formatter.format(id, requester, patient, category, purpose, at, d);
            AuditEntry e = new AuditEntry(id, requester.id(), patient.id(), category, purpose, at, d, json,
                    Hashing.keccak256(json), Optional.empty(), Optional.empty());
            entries.add(e);
            if (d.permitted()) {
                logs.add(AccessService.logMessage(e, requester, pseudonyms.pseudonym(patient.address(),
                        e.auditHash())));
            }
        }
        try {
            audit.record(entries, logs);
        } catch (SalusException ex) {
            return Result.fail(ErrorCode.AUDIT_UNAVAILABLE, "the audit trail cannot be written: nothing released");
        }
        if (entries.stream().noneMatch(e -> e.decision().permitted())) {
            Decision first = entries.get(0).decision();
            return Result.fail(new Failure(first.code().orElseThrow(), first.reason() + " (audited as a denial)",
                    List.of()));
        }
        EnumSet<Category> released = EnumSet.noneOf(Category.class);
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry e = entries.get(i);
            if (!e.decision().permitted()) {
                continue;
            }
            try {
                TxRef tx = ledger.logAccess(e.auditHash(), pseudonyms.pseudonym(patient.address(), e.auditHash()),
                        requester.address(), e.category().mask(), purpose);
                audit.markLogged(e.id(), tx.txHash(), tx.blockNumber());
                outbox.completeByKey(OutboxKinds.ACCESS_LOG, e.id().toString(), Map.of("txHash", tx.txHash()),
                        clock.instant());
                entries.set(i, new AuditEntry(e.id(), e.requester(), e.patient(), e.category(), e.purpose(),
                        e.at(), e.decision(), e.auditEventJson(), e.auditHash(), Optional.of(tx.txHash()),
                        Optional.of(tx.blockNumber())));
                released.add(e.category());
            } catch (SalusException ex) {
                return Result.fail(ErrorCode.AUDIT_UNAVAILABLE,
                        "the access could not be logged on chain: nothing released (" + ex.getMessage() + ")");
            }
        }
        return Result.ok(new Audited(List.copyOf(entries), released));
    }
}
