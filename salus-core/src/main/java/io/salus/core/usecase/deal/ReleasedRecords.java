package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.deal.DealMember;
import io.salus.core.error.Result;
import io.salus.core.port.DealPackages;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.RecordService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The members' records of the deal's categories, opened for release (integrity-checked), with the FHIR id each
 * patient's records reference: what a deal's package (or a federated deal's part) holds of them. Read per chunk of
 * {@link DealMatching#CHUNK} members (their record lists in one query, the records in another) and opened in
 * parallel; the result is in the members' order. Stateless.
 */
public final class ReleasedRecords {
    private ReleasedRecords() {
    }

    public static Result<List<DealPackages.PatientData>> of(RecordStore records, RecordService opener,
            List<DealMember> members, Map<AccountId, Account> accountsOf, List<Category> categories) {
        List<DealPackages.PatientData> out = new ArrayList<>();
        for (int from = 0; from < members.size(); from += DealMatching.CHUNK) {
            Result<List<DealPackages.PatientData>> read = chunk(records, opener, members.subList(from, Math.min(
                    members.size(), from + DealMatching.CHUNK)), accountsOf, categories);
            if (!read.isOk()) {
                return read;
            }
            out.addAll(read.orElseThrow());
        }
        return Result.ok(out);
    }

    private static Result<List<DealPackages.PatientData>> chunk(RecordStore records, RecordService opener,
            List<DealMember> chunk, Map<AccountId, Account> accountsOf, List<Category> categories) {
        List<Account> patients = chunk.stream().map(m -> m.patient().map(accountsOf::get).orElseThrow()).toList();
        Map<AccountId, List<RecordSummary>> lists = records.listByPatients(patients.stream().map(Account::id)
                .toList());
        Map<AccountId, String> fhirIds = new HashMap<>();
        List<RecordId> wanted = new ArrayList<>();
        for (Account patient : patients) {
            String fhirId = patient.id().toString();
            for (RecordSummary s : lists.get(patient.id())) {
                if ("Patient".equals(s.resourceType()) && s.fhirId() != null) {
                    fhirId = s.fhirId();
                }
                if (categories.contains(s.category())) {
                    wanted.add(s.id());
                }
            }
            fhirIds.put(patient.id(), fhirId);
        }
        Map<AccountId, List<StoredRecord>> recordsOf = new HashMap<>();
        records.findAll(wanted).forEach(r -> recordsOf.computeIfAbsent(r.patient(), p -> new ArrayList<>()).add(r));
        List<Result<DealPackages.PatientData>> read = IntStream.range(0, chunk.size()).parallel()
                .mapToObj(i -> opened(opener, chunk.get(i), patients.get(i), fhirIds.get(patients.get(i).id()),
                        recordsOf.getOrDefault(patients.get(i).id(), List.of())))
                .toList();
        List<DealPackages.PatientData> out = new ArrayList<>();
        for (Result<DealPackages.PatientData> r : read) {
            if (!r.isOk()) {
                return Result.fail(r.failure());
            }
            out.add(r.orElseThrow());
        }
        return Result.ok(out);
    }

    private static Result<DealPackages.PatientData> opened(RecordService opener, DealMember m, Account patient,
            String fhirId, List<StoredRecord> stored) {
        List<byte[]> jsons = new ArrayList<>();
        for (StoredRecord r : stored) {
            var opened = opener.openForRelease(r);
            if (!opened.isOk()) {
                return Result.fail(opened.failure());
            }
            jsons.add(opened.orElseThrow().json());
        }
        return Result.ok(new DealPackages.PatientData(patient.id(), m.payout().pseudonym(), fhirId, jsons));
    }
}
