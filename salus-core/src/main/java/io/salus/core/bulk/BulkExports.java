package io.salus.core.bulk;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The lifecycle of Bulk Data export jobs (FHIR Bulk Data Access IG, async pattern): kick-off, status, deletion. A
 * patient exports only their own data; a group export is checked by the caller before kick-off (a settled deal the
 * caller bought). A job is visible only to its requester; to anyone else it does not exist. The work itself is done by
 * the node's runner, which reports back through {@link #started}, {@link #completed} and {@link #failed}.
 * Thread-safe.
 */
public final class BulkExports {
    private final BulkJobStore store;
    private final Clock clock;

    public BulkExports(BulkJobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Accepts a job. For {@link BulkJob.Kind#PATIENT} the subject must be the requester's own account id. */
    public Result<BulkJob> kickOff(Account requester, BulkJob.Kind kind, String subject, Set<String> types,
            String request) {
        if (kind == BulkJob.Kind.PATIENT && (requester.kind() != AccountKind.PATIENT
                || !requester.id().toString().equals(subject))) {
            return Result.fail(ErrorCode.FORBIDDEN, "a patient exports only their own data");
        }
        BulkJob job = new BulkJob(UUID.randomUUID(), requester.id(), kind, subject, types, request,
                BulkJob.Status.ACCEPTED, now(), Optional.empty(), List.of(), Optional.empty());
        store.insert(job);
        return Result.ok(job);
    }

    /** The job, if it is the requester's and not deleted; otherwise {@link ErrorCode#BULK_JOB_NOT_FOUND}. */
    public Result<BulkJob> status(Account requester, UUID id) {
        return store.find(id).filter(j -> j.requester().equals(requester.id()))
                .filter(j -> j.status() != BulkJob.Status.DELETED).<Result<BulkJob>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.BULK_JOB_NOT_FOUND, "no export job " + id));
    }

    /** Deletes the job (its files are removed by the runner); a running job stops publishing its output. */
    public synchronized Result<BulkJob> delete(Account requester, UUID id) {
        return status(requester, id).map(j -> {
            BulkJob deleted = j.with(BulkJob.Status.DELETED, Optional.of(now()), List.of(), j.error());
            store.update(deleted);
            return deleted;
        });
    }

    /** A completed job's file, by name, for its requester. */
    public Result<BulkJob.BulkFile> file(Account requester, UUID id, String name) {
        return status(requester, id).flatMap(j -> j.status() != BulkJob.Status.COMPLETED
                ? Result.fail(ErrorCode.BULK_JOB_NOT_READY, "export job " + id + " is " + j.status())
                : j.files().stream().filter(f -> f.name().equals(name))
                        .findFirst().<Result<BulkJob.BulkFile>>map(Result::ok)
                        .orElseGet(() -> Result.fail(ErrorCode.NOT_FOUND, "no file " + name + " in job " + id)));
    }

    /** The runner took the job; false if it was deleted meanwhile. */
    public synchronized boolean started(UUID id) {
        Optional<BulkJob> j = store.find(id).filter(x -> !x.finished());
        j.ifPresent(x -> store.update(x.with(BulkJob.Status.RUNNING, Optional.empty(), List.of(), Optional.empty())));
        return j.isPresent();
    }

    /** The runner finished; false (the files must be removed) if the job was deleted meanwhile. */
    public boolean completed(UUID id, List<BulkJob.BulkFile> files) {
        return finish(id, BulkJob.Status.COMPLETED, files, Optional.empty());
    }

    public boolean failed(UUID id, String error) {
        return finish(id, BulkJob.Status.FAILED, List.of(), Optional.of(error));
    }

    public List<BulkJob> unfinished() {
        return store.unfinished();
    }

    private synchronized boolean finish(UUID id, BulkJob.Status s, List<BulkJob.BulkFile> files,
            Optional<String> error) {
        Optional<BulkJob> j = store.find(id).filter(x -> !x.finished());
        j.ifPresent(x -> store.update(x.with(s, Optional.of(now()), files, error)));
        return j.isPresent();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
