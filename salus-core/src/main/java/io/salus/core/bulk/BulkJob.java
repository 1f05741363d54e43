package io.salus.core.bulk;

import io.salus.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A FHIR Bulk Data export job: who asked, what for (a patient's own data or a settled deal's delivery), its state and
 * its output files. Only the requester may see, download or delete it.
 */
public record BulkJob(UUID id, AccountId requester, Kind kind, String subject, Set<String> types, String request,
        Status status, Instant requestedAt, Optional<Instant> finishedAt, List<BulkFile> files,
        Optional<String> error) {

    public BulkJob {
        types = Set.copyOf(types);
        files = List.copyOf(files);
    }

    /** {@code PATIENT}: {@code Patient/{id}/$export}; {@code GROUP}: {@code Group/{dealId}/$export}. */
    public enum Kind {
        PATIENT,
        GROUP
    }

    public enum Status {
        ACCEPTED,
        RUNNING,
        COMPLETED,
        FAILED,
        DELETED
    }

    /** One NDJSON output file: its resource type, file name, resource count and size. */
    public record BulkFile(String type, String name, long count, long bytes) {
    }

    public BulkJob with(Status s, Optional<Instant> finished, List<BulkFile> out, Optional<String> err) {
        return new BulkJob(id, requester, kind, subject, types, request, s, requestedAt, finished, out, err);
    }

    public boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED || status == Status.DELETED;
    }
}
