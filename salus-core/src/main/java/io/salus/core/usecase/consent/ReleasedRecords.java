package io.salus.core.usecase.consent;

import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.RecordService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The last step of an audited release: a patient's records of the released categories, each opened through the
 * node-wrapped data key and integrity-checked ({@code RECORD_TAMPERED} stops the release). Call it only with
 * categories an {@link AuditedRelease} released. Thread-safe.
 */
public final class ReleasedRecords {
    private final RecordStore records;
    private final RecordService opener;

    public ReleasedRecords(RecordStore records, RecordService opener) {
        this.records = records;
        this.opener = opener;
    }

    public Result<List<Release.ReleasedRecord>> of(AccountId patient, Set<Category> released) {
        List<Release.ReleasedRecord> out = new ArrayList<>();
        for (RecordSummary s : records.listByPatient(patient)) {
            if (!released.contains(s.category())) {
                continue;
            }
            Optional<StoredRecord> r = records.find(s.id());
            if (r.isEmpty()) {
                continue;
            }
            Result<RecordService.Opened> opened = opener.openForRelease(r.get());
            if (!opened.isOk()) {
                return opened.propagate();
            }
            out.add(new Release.ReleasedRecord(s.id(), s.category(), s.resourceType(), opened.orElseThrow().json()));
        }
        return Result.ok(out);
    }
}
