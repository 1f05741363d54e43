package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ErasureStore;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import java.util.List;
import java.util.Optional;

/**
 * The export of all of a patient's records, decrypted by the node and integrity-checked one at a time, in deposit
 * order, handed to a sink (which writes the FHIR Bundle), so that at most one decrypted record is held here at once.
 * The patient's own export opens records through the patient-wrapped data keys. Anyone else goes through a
 * {@link Gate}: the decision point's listing (a delegate with {@code VIEW_RECORDS}), which decides per category,
 * audits every decision and logs every permit on chain before anything is opened; only the permitted records are then
 * opened for release. A record that fails its integrity check stops the export with {@code RECORD_TAMPERED}; the
 * caller discards what the sink received. Thread-safe.
 */
public final class ExportService {
    private final RecordStore records;
    private final RecordService reader;
    private final ErasureStore erasures;

    public ExportService(RecordStore records, RecordService reader, ErasureStore erasures) {
        this.records = records;
        this.reader = reader;
        this.erasures = erasures;
    }

    /** Receives each decrypted record, in deposit order. */
    @FunctionalInterface
    public interface Sink {
        void accept(StoredRecord record, byte[] json);
    }

    /**
     * The records a non-owner may read, decided, audited and logged (on chain) before they are returned; refusals
     * carry the decision's code.
     */
    @FunctionalInterface
    public interface Gate {
        Result<List<RecordSummary>> permitted(Account actor, AccountId patient, Purpose purpose);
    }

    /** Exports every record of {@code patient} the actor may read to {@code sink}; the number of records exported. */
    public Result<Integer> export(Account actor, AccountId patient, Purpose purpose, Gate gate, Sink sink) {
        if (erasures.find(patient).isPresent()) {
            return Result.fail(ErrorCode.PATIENT_ERASED, "patient " + patient + " was erased; nothing to export");
        }
        if (!actor.id().equals(patient)) {
            return gate.permitted(actor, patient, purpose).flatMap(permitted -> released(permitted, sink));
        }
        int n = 0;
        for (RecordSummary s : records.listByPatient(patient)) {
            Result<RecordService.Opened> opened = reader.read(actor, s.id());
            if (!opened.isOk()) {
                return opened.propagate();
            }
            sink.accept(opened.orElseThrow().record(), opened.orElseThrow().json());
            n++;
        }
        return Result.ok(n);
    }

    private Result<Integer> released(List<RecordSummary> permitted, Sink sink) {
        int n = 0;
        for (RecordSummary s : permitted) {
            Optional<StoredRecord> r = records.find(s.id());
            if (r.isEmpty()) {
                continue;
            }
            Result<RecordService.Opened> opened = reader.openForRelease(r.get());
            if (!opened.isOk()) {
                return opened.propagate();
            }
            sink.accept(r.get(), opened.orElseThrow().json());
            n++;
        }
        return Result.ok(n);
    }
}
