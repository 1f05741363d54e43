package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
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
 * Records of one patient, opened for a caller by resource type (the FHIR API's reads and searches). The patient's own
 * reads go through {@link RecordService} (the patient-wrapped key). Anyone else is decided by the {@link DecisionPoint}
 * for every category asked, every decision audited and every permit logged on chain before anything is decrypted
 * ({@link AuditedRelease}); only records of released categories are opened, so what a caller can count, page or read
 * is only what it may see. No more than {@code maxOpened} records are opened per request: a broader request fails with
 * {@link ErrorCode#FHIR_SEARCH_TOO_BROAD} before any decision is taken. Thread-safe.
 */
public final class RecordRelease {
    private static final EnumSet<AccountKind> NEVER_READ = EnumSet.of(AccountKind.OPERATOR, AccountKind.ISSUER,
            AccountKind.AUDITOR);
    private final AccountStore accounts;
    private final RecordStore records;
    private final RecordService opener;
    private final DecisionPoint decisionPoint;
    private final AuditedRelease release;
    private final Clock clock;
    private final int maxOpened;

    public RecordRelease(AccountStore accounts, RecordStore records, RecordService opener,
            DecisionPoint decisionPoint, DelegatedRecords.AuditTrail trail, Clock clock, int maxOpened) {
        this.accounts = accounts;
        this.records = records;
        this.opener = opener;
        this.decisionPoint = decisionPoint;
        this.release = new AuditedRelease(trail.audit(), trail.formatter(), trail.ledger(), trail.outbox(),
                trail.pseudonyms(), clock);
        this.clock = clock;
        this.maxOpened = maxOpened;
    }

    /** What is asked: the patient, the resource types (empty: all) and categories (empty: all), for a purpose. */
    public record Query(AccountId patient, Set<String> resourceTypes, Set<Category> categories, Purpose purpose) {
        public Query {
            resourceTypes = Set.copyOf(resourceTypes);
            categories = categories.isEmpty() ? EnumSet.allOf(Category.class) : EnumSet.copyOf(categories);
        }
    }

    /** One opened record: its listing view and its FHIR JSON (integrity-checked). */
    public record Opened(RecordSummary summary, byte[] json) {
    }

    /**
     * The opened records; {@code owner} when the caller is the patient. {@code visible} lists (metadata only) the
     * patient's records the caller may see (all for the owner, those of released categories otherwise) and the
     * patient's Patient records, so that references between them can be resolved.
     */
    public record Released(AccountId patient, List<Opened> records, boolean owner, List<RecordSummary> visible) {
        public Released {
            records = List.copyOf(records);
            visible = List.copyOf(visible);
        }
    }

    public Result<Released> release(Account actor, Query q) {
        List<RecordSummary> candidates = records.listByPatient(q.patient()).stream()
                .filter(r -> q.categories().contains(r.category()))
                .filter(r -> q.resourceTypes().isEmpty() || q.resourceTypes().contains(r.resourceType())).toList();
        if (candidates.size() > maxOpened) {
            return Result.fail(ErrorCode.FHIR_SEARCH_TOO_BROAD, "the request covers " + candidates.size()
                    + " records; the node opens at most " + maxOpened + " per request: narrow it by type or category");
        }
        return open(actor, q, candidates);
    }

    private Result<Released> open(Account actor, Query q, List<RecordSummary> candidates) {
        Optional<Account> patient = accounts.find(q.patient()).filter(p -> p.kind() == AccountKind.PATIENT);
        boolean owner = actor.id().equals(q.patient());
        if (!owner && NEVER_READ.contains(actor.kind())) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, actor.kind() + " accounts do not read health data");
        }
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + q.patient());
        }
        List<RecordSummary> all = records.listByPatient(q.patient());
        if (owner) {
            return openAll(candidates, r -> opener.read(actor, r.id()))
                    .map(list -> new Released(q.patient(), list, true, all));
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Category> asked = List.copyOf(q.categories());
        DecisionPoint.Decided decided = decisionPoint.decide(actor, patient.get(), asked, q.purpose(), at);
        return release.record(actor, patient.get(), q.purpose(), at, decided).flatMap(allowed -> openAll(
                candidates.stream().filter(r -> allowed.contains(r.category())).toList(), this::openReleased)
                .map(list -> new Released(q.patient(), list, false,
                        all.stream().filter(r -> allowed.contains(r.category())
                                || "Patient".equals(r.resourceType())).toList())));
    }

    /**
     * One record by id (as a release of that one record): the owner's, or, unless {@code ownerOnly}, anyone else's if
     * the decision point permits its category (audited). A record that is not the caller's is "not found" when
     * {@code ownerOnly} (an app acting for one patient), so its existence is not disclosed.
     */
    public Result<Released> read(Account actor, RecordId id, Purpose purpose, boolean ownerOnly) {
        Optional<StoredRecord> found = records.find(id);
        if (found.isEmpty() || ownerOnly && !found.get().patient().equals(actor.id())) {
            return Result.fail(ErrorCode.RECORD_NOT_FOUND, "no record " + id);
        }
        StoredRecord r = found.get();
        RecordSummary summary = new RecordSummary(r.id(), r.category(), r.resourceType(), r.fhirId(),
                r.provenance().depositId(), r.provenance().depositedAt(), r.leaf(),
                r.anchoring().map(a -> a.mined()).orElse(false));
        return open(actor, new Query(r.patient(), Set.of(r.resourceType()), Set.of(r.category()), purpose),
                List.of(summary)).flatMap(
                        released -> released.records().isEmpty()
                                ? Result.fail(ErrorCode.RECORD_NOT_FOUND, "no record " + id)
                                : Result.ok(released));
    }

    /**
     * Decides again (audited, permits logged on chain) whether the caller may still see these categories of the
     * patient's data: for the later pages of a search that was released earlier. Fails with the first denial's code if
     * any category is no longer permitted, so nothing more of it leaves.
     */
    public Result<Set<Category>> recheck(Account actor, AccountId patientId, Set<Category> categories,
            Purpose purpose) {
        if (actor.id().equals(patientId) || categories.isEmpty()) {
            return Result.ok(Set.copyOf(categories));
        }
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty() || NEVER_READ.contains(actor.kind())) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DecisionPoint.Decided decided = decisionPoint.decide(actor, patient.get(), List.copyOf(categories), purpose,
                at);
        return release.audit(actor, patient.get(), purpose, at, decided).flatMap(audited -> {
            for (int i = 0; i < decided.decisions().size(); i++) {
                if (!decided.decisions().get(i).permitted()) {
                    var d = decided.decisions().get(i);
                    return Result.fail(d.code().orElse(ErrorCode.NO_CONSENT), d.reason() + " (audited as a denial)");
                }
            }
            return Result.ok(Set.copyOf(audited.released()));
        });
    }

    private Result<RecordService.Opened> openReleased(RecordSummary s) {
        Optional<StoredRecord> r = records.find(s.id());
        return r.isEmpty()
                ? Result.fail(ErrorCode.RECORD_NOT_FOUND, "record " + s.id() + " is gone")
                : opener.openForRelease(r.get());
    }

    private static Result<List<Opened>> openAll(List<RecordSummary> summaries,
            java.util.function.Function<RecordSummary, Result<RecordService.Opened>> open) {
        List<Opened> out = new ArrayList<>(summaries.size());
        for (RecordSummary s : summaries) {
            Result<RecordService.Opened> o = open.apply(s);
            if (!o.isOk()) {
                return Result.fail(o.failure());
            }
            out.add(new Opened(s, o.orElseThrow().json()));
        }
        return Result.ok(out);
    }
}
