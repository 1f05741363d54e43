package io.salus.core.bulk;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bulk export jobs (PostgreSQL): their state survives a restart, so unfinished jobs are resumed. Thread-safe. */
public interface BulkJobStore {

    void insert(BulkJob job);

    /** Replaces the job's state, files and error. */
    void update(BulkJob job);

    Optional<BulkJob> find(UUID id);

    /** Jobs accepted or running (to resume after a restart), oldest first. */
    List<BulkJob> unfinished();
}
