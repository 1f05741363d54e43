package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.RecordService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The record endpoints for the patient and for those the patient delegated to. The patient's own reads go to
 * {@link RecordService}. Anyone else holding a delegation from the patient (current, expired or revoked) is decided
 * by the {@link DecisionPoint} for each category read (the delegation path permits with {@code VIEW_RECORDS}), every
 * decision audited and every permit logged on chain before a record or a listing leaves, exactly like a consented
 * access; a refusal carries the decision's code. An account the patient never delegated to gets the owner-only
 * answers as before ({@code FORBIDDEN} for a listing, {@code RECORD_NOT_FOUND} for a record, so that a record's
 * existence is not disclosed). Thread-safe.
 */
public final class DelegatedRecords {
    private static final EnumSet<AccountKind> NEVER_READ = EnumSet.of(AccountKind.OPERATOR, AccountKind.ISSUER,
            AccountKind.AUDITOR);
    private final AccountStore accounts;
    private final RecordStore records;
    private final RecordService owner;
    private final ConsentStore consents;
    private final ConsentSync sync;
    private final DecisionPoint decisionPoint;
    private final AuditedRelease release;
    private final Clock clock;

    public DelegatedRecords(AccountStore accounts, RecordStore records, RecordService owner, ConsentStore consents,
            ConsentSync sync, DecisionPoint decisionPoint, AuditTrail trail, Clock clock) {
        this.accounts = accounts;
        this.records = records;
        this.owner = owner;
        this.consents = consents;
        this.sync = sync;
        this.decisionPoint = decisionPoint;
        this.release = new AuditedRelease(trail.audit(), trail.formatter(), trail.ledger(), trail.outbox(),
                trail.pseudonyms(), clock);
        this.clock = clock;
    }

    /**
     * Where audited reads are written: the audit log, its AuditEvent format, the chain's AccessLog, the outbox, and
     * how patients are named on chain.
     */
    public record AuditTrail(io.salus.core.port.AuditLog audit, io.salus.core.port.AuditEventFormatter formatter,
            io.salus.core.port.ConsentLedger ledger, io.salus.core.port.Outbox outbox,
            io.salus.core.consent.AccessPseudonyms pseudonyms) {
    }

    /** The patient's records (metadata only); for a delegate, those of the categories the decision point permits. */
    public Result<List<RecordSummary>> list(Account actor, AccountId patientId, Purpose purpose) {
        if (actor.id().equals(patientId)) {
            return owner.list(actor, patientId);
        }
        Optional<Account> patient = delegatingPatient(actor, patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient or their delegate may list their records");
        }
        List<RecordSummary> all = records.listByPatient(patientId);
        EnumSet<Category> present = EnumSet.noneOf(Category.class);
        all.forEach(r -> present.add(r.category()));
        List<Category> asked = List.copyOf(present.isEmpty() ? EnumSet.allOf(Category.class) : present);
        return decide(actor, patient.get(), asked, purpose)
                .map(allowed -> all.stream().filter(r -> allowed.contains(r.category())).toList());
    }

    /** One record (decrypted, integrity-checked); for a delegate, only if its category is permitted. */
    public Result<RecordService.Opened> read(Account actor, RecordId id, Purpose purpose) {
        Optional<StoredRecord> found = records.find(id);
        if (found.isPresent() && found.get().patient().equals(actor.id())) {
            return owner.read(actor, id);
        }
        Optional<Account> patient = found.flatMap(r -> delegatingPatient(actor, r.patient()));
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.RECORD_NOT_FOUND, "no record " + id + " for this account");
        }
        StoredRecord r = found.get();
        return decide(actor, patient.get(), List.of(r.category()), purpose)
                .flatMap(allowed -> owner.openForRelease(r));
    }

    /**
     * The patient's records of the given FHIR resource types, opened: the patient's own through
     * {@link RecordService#read}; for a delegate, one decision for the categories those records fall in (audited and
     * logged on chain like a listing), then the permitted records opened for release.
     */
    public Result<List<RecordService.Opened>> readAll(Account actor, AccountId patientId, Set<String> resourceTypes,
            Purpose purpose) {
        boolean own = actor.id().equals(patientId);
        Optional<Account> patient = own ? Optional.of(actor) : delegatingPatient(actor, patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient or their delegate may read their records");
        }
        List<RecordSummary> wanted = records.listByPatient(patientId).stream().filter(r -> resourceTypes.contains(r
                .resourceType())).toList();
        EnumSet<Category> present = EnumSet.noneOf(Category.class);
        wanted.forEach(r -> present.add(r.category()));
        Result<EnumSet<Category>> allowed = own
                ? Result.ok(EnumSet.allOf(Category.class))
                : decide(actor, patient
                        .get(), List.copyOf(present.isEmpty() ? EnumSet.allOf(Category.class) : present), purpose);
        return allowed.flatMap(ok -> {
            List<RecordService.Opened> out = new ArrayList<>();
            for (RecordSummary r : wanted.stream().filter(w -> ok.contains(w.category())).toList()) {
                Result<RecordService.Opened> opened = own
                        ? owner.read(actor, r.id())
                        : records.find(r.id()).map(
                                owner::openForRelease)
                                .orElseGet(() -> Result.fail(ErrorCode.RECORD_NOT_FOUND, "no record "
                                        + r.id()));
                if (!opened.isOk()) {
                    return opened.propagate();
                }
                out.add(opened.orElseThrow());
            }
            return Result.ok(out);
        });
    }

    private Result<EnumSet<Category>> decide(Account actor, Account patient, List<Category> categories,
            Purpose purpose) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DecisionPoint.Decided decided = decisionPoint.decide(actor, patient, categories, purpose, at);
        return release.record(actor, patient, purpose, at, decided);
    }

    /** The patient, if the actor may be decided for as their delegate: a patient who ever delegated to the actor. */
    private Optional<Account> delegatingPatient(Account actor, AccountId patientId) {
        if (NEVER_READ.contains(actor.kind())) {
            return Optional.empty();
        }
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        sync.toHead();
        return consents.delegation(patient.get().address(), actor.address()).isPresent() ? patient : Optional.empty();
    }
}
