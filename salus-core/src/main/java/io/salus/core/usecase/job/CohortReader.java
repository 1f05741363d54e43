package io.salus.core.usecase.job;

import io.salus.core.account.Account;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.error.Result;
import io.salus.core.job.Columns;
import io.salus.core.port.FeatureExtraction;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.RecordService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's columns over its cohort, one row per consenting patient: only the records of the deal's categories are
 * opened (integrity-checked, as for a delivery), their features extracted and the granted columns computed
 * ({@link Columns}). The values stay on the node: only the release gate's output leaves. Thread-safe.
 */
public final class CohortReader {
    private final RecordStore records;
    private final RecordService opener;
    private final FeatureExtraction extraction;
    private final Clock clock;

    public CohortReader(RecordStore records, RecordService opener, FeatureExtraction extraction, Clock clock) {
        this.records = records;
        this.opener = opener;
        this.extraction = extraction;
        this.clock = clock;
    }

    /** Column name → one value per patient, in the order of {@code patients}. */
    public Result<Map<String, double[]>> read(List<Account> patients, List<Category> categories,
            List<String> columns) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, double[]> out = new HashMap<>();
        columns.forEach(c -> out.put(c, new double[patients.size()]));
        for (int row = 0; row < patients.size(); row++) {
            List<Feature> features = new ArrayList<>();
            PatientFacts facts = PatientFacts.UNKNOWN;
            for (RecordSummary s : records.listByPatient(patients.get(row).id())) {
                Optional<StoredRecord> r = categories.contains(s.category()) ? records.find(s.id()) : Optional.empty();
                if (r.isEmpty()) {
                    continue;
                }
                var opened = opener.openForRelease(r.get());
                if (!opened.isOk()) {
                    return opened.propagate();
                }
                byte[] json = opened.orElseThrow().json();
                features.addAll(extraction.features(s.resourceType(), json));
                if ("Patient".equals(s.resourceType())) {
                    facts = extraction.facts(json);
                }
            }
            for (String c : columns) {
                out.get(c)[row] = Columns.value(c, features, facts, today);
            }
        }
        return Result.ok(out);
    }
}
