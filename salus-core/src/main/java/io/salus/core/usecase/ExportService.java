package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ErasureStore;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;

/**
 * A patient's own export of all their records, decrypted by the node through the patient-wrapped data keys and
 * integrity-checked one at a time, in deposit order, handed to a sink (which writes the FHIR Bundle), so that at most
 * one decrypted record is held here at once. A record that fails its integrity check stops the export with
 * {@code RECORD_TAMPERED}; the caller discards what the sink received. Only the patient exports (delegates do not).
 * Thread-safe.
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

    /** Exports every record of {@code patient} to {@code sink}; the number of records exported. */
    public Result<Integer> export(Account actor, AccountId patient, Sink sink) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.ERASURE_BY_PATIENT_ONLY, "only patient " + patient + " may export");
        }
        if (erasures.find(patient).isPresent()) {
            return Result.fail(ErrorCode.PATIENT_ERASED, "patient " + patient + " was erased; nothing to export");
        }
        int n = 0;
        for (RecordSummary s : records.listByPatient(patient)) {
            Result<RecordService.Opened> opened = reader.read(actor, s.id());
            if (!opened.isOk()) {
                return Result.fail(opened.failure());
            }
            sink.accept(opened.orElseThrow().record(), opened.orElseThrow().json());
            n++;
        }
        return Result.ok(n);
    }
}
