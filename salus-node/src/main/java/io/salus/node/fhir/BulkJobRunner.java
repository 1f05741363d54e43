package io.salus.node.fhir;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.bulk.BulkExports;
import io.salus.core.bulk.BulkJob;
import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.RecordRelease;
import io.salus.fhir.bulk.NdjsonExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Bulk Data export jobs one at a time on a background thread, writing NDJSON under
 * {@code <data dir>/bulk/<job id>/}: a patient's export reads every record as the patient (the owner's key, like the
 * FHIR API), a group's is the settled deal's delivered package. Jobs accepted or running when the node stopped are run
 * again on start. A deleted job's files are removed. Thread-safe.
 */
final class BulkJobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BulkJobRunner.class);
    private final BulkExports jobs;
    private final AccountStore accounts;
    private final RecordRelease release;
    private final SettledDealExports deals;
    private final NdjsonExport ndjson;
    private final Path root;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "salus-bulk-export");
        t.setDaemon(true);
        return t;
    });

    BulkJobRunner(BulkExports jobs, AccountStore accounts, RecordRelease release, SettledDealExports deals,
            NdjsonExport ndjson, Path dataDir) {
        this.jobs = jobs;
        this.accounts = accounts;
        this.release = release;
        this.deals = deals;
        this.ndjson = ndjson;
        this.root = dataDir.resolve("bulk");
    }

    /** Resumes the jobs a stopped node left unfinished. */
    void resume() {
        jobs.unfinished().forEach(this::submit);
    }

    void submit(BulkJob job) {
        executor.submit(() -> run(job));
    }

    Path file(UUID job, String name) {
        return dir(job).resolve(name);
    }

    /** Removes a deleted job's files. */
    void remove(UUID job) {
        executor.submit(() -> delete(dir(job)));
    }

    private void run(BulkJob job) {
        if (!jobs.started(job.id())) {
            return;
        }
        Path dir = dir(job.id());
        try {
            delete(dir);
            Result<List<BulkJob.BulkFile>> files = write(job, dir);
            boolean kept = files.isOk()
                    ? jobs.completed(job.id(), files.orElseThrow())
                    : jobs.failed(job.id(), files.failure().code().code() + ": " + files.failure().detail());
            if (!kept || !files.isOk()) {
                delete(dir);
            }
        } catch (RuntimeException e) {
            LOG.error("export job {} failed", job.id(), e);
            jobs.failed(job.id(), "the export failed; the node logged the fault");
            delete(dir);
        }
    }

    private Result<List<BulkJob.BulkFile>> write(BulkJob job, Path dir) {
        Account requester = accounts.find(job.requester()).orElseThrow();
        if (job.kind() == BulkJob.Kind.PATIENT) {
            AccountId patient = AccountId.parse(job.subject()).orElseThrow();
            return release.release(requester, new RecordRelease.Query(patient, job.types(),
                    EnumSet.allOf(Category.class), Purpose.PATRQT))
                    .map(r -> ndjson.writePatient(r, job.types(), dir));
        }
        return deals.deliveredPackage(requester, job.subject())
                .map(zip -> NdjsonExport.writeFromPackage(zip, job.types(), dir));
    }

    private Path dir(UUID job) {
        return root.resolve(job.toString());
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
