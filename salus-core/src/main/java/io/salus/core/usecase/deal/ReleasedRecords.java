package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealPackages;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.RecordService;
import java.util.ArrayList;
import java.util.List;

/**
 * One patient's records of the deal's categories, opened for release (integrity-checked), with the FHIR id their
 * records reference: what a deal's package (or a federated deal's part) holds of them. Stateless.
 */
public final class ReleasedRecords {
    private ReleasedRecords() {
    }

    public static Result<DealPackages.PatientData> of(RecordStore records, RecordService opener, Account patient,
            Hash32 pseudonym, List<Category> categories) {
        List<byte[]> jsons = new ArrayList<>();
        String fhirId = patient.id().toString();
        List<RecordId> wanted = new ArrayList<>();
        for (RecordSummary s : records.listByPatient(patient.id())) {
            if ("Patient".equals(s.resourceType()) && s.fhirId() != null) {
                fhirId = s.fhirId();
            }
            if (categories.contains(s.category())) {
                wanted.add(s.id());
            }
        }
        for (StoredRecord r : records.findAll(wanted)) {
            var opened = opener.openForRelease(r);
            if (!opened.isOk()) {
                return Result.fail(opened.failure());
            }
            jsons.add(opened.orElseThrow().json());
        }
        return Result.ok(new DealPackages.PatientData(patient.id(), pseudonym, fhirId, jsons));
    }
}
